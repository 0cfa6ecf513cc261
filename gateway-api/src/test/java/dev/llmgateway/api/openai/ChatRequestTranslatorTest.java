package dev.llmgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.api.wire.MessageDto;
import dev.llmgateway.api.wire.openai.ChatCompletionRequest;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTranslatorTest {
    private static final ProviderConfig CLAUDE = provider("claude", 10, true, "claude-sonnet-4-5");
    private static final ProviderConfig OPENAI = provider("openai", 20, true, "gpt-4o", "gpt-4o-mini");
    private static final ProviderConfig LOCAL = provider("local", 30, true, "gpt-4o", "meta-llama/Llama-3-8b");
    private static final ProviderConfig OFF = provider("off", 1, false, "gpt-5");

    private final ModelDirectory models = new ModelDirectory(
            () -> new ProviderCatalog(List.of(LOCAL, OPENAI, CLAUDE, OFF), List.of()));
    private final ChatRequestTranslator translator = new ChatRequestTranslator(models, 1000);

    private static ProviderConfig provider(String name, int priority, boolean enabled, String... models) {
        return new ProviderConfig(name, ProviderType.OPENAI, name, null, null, List.of(models), null, enabled, priority,
                null, 60_000, 2);
    }

    private static ChatCompletionRequest body(String json) {
        try {
            return Json.mapper().readValue(json, ChatCompletionRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private GenerateRequest translate(String json) {
        return translator.translate(body(json), null);
    }

    private List<FieldError> errorsOf(String json) {
        try {
            translate(json);
        } catch (ApiException e) {
            return e.toError().error().fields();
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void mapsSystemAndDeveloperMessagesToTheSystemPromptAndKeepsTheTurns() {
        GenerateRequest request = translate("""
                {"model": "openai/gpt-4o", "user": "u7", "max_tokens": 100, "temperature": 0.3,
                 "metadata": {"trace": "t1"},
                 "messages": [{"role": "system", "content": "Be brief."},
                              {"role": "user", "content": "Hi"},
                              {"role": "assistant", "content": "Hello"},
                              {"role": "developer", "content": [{"type": "text", "text": "Use French."}]},
                              {"role": "user", "content": [{"type": "text", "text": "One"}, {"type": "text", "text": "Two"}]}]}
                """);

        assertThat(request.system()).isEqualTo("Be brief.\n\nUse French.");
        assertThat(request.messages()).containsExactly(new MessageDto("user", "Hi"), new MessageDto("assistant", "Hello"),
                new MessageDto("user", "One\nTwo"));
        assertThat(request.userId()).isEqualTo("u7");
        assertThat(request.provider()).isEqualTo("openai");
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.maxTokens()).isEqualTo(100);
        assertThat(request.temperature()).isEqualTo(0.3);
        assertThat(request.metadata()).containsEntry("trace", "t1");
        assertThat(request.prompt()).isNull();
    }

    @Test
    void defaultsTheUserAndTheServiceAndPrefersMaxCompletionTokens() {
        GenerateRequest request = translate("""
                {"model": "auto", "max_tokens": 5, "max_completion_tokens": 7,
                 "messages": [{"role": "user", "content": "Hi"}]}
                """);

        assertThat(request.userId()).isEqualTo(ChatRequestTranslator.ANONYMOUS_USER);
        assertThat(request.service()).isEqualTo(ChatRequestTranslator.DEFAULT_SERVICE);
        assertThat(request.maxTokens()).isEqualTo(7);
        assertThat(translator.translate(body("""
                {"model": "auto", "messages": [{"role": "user", "content": "Hi"}]}"""), "trendscout").service())
                .isEqualTo("trendscout");
    }

    @Test
    void resolvesModelsByProviderPrefixThenByListThenAuto() {
        assertThat(models.resolve("local/gpt-4o")).isEqualTo(new ModelDirectory.Choice("local", "gpt-4o"));
        assertThat(models.resolve("gpt-4o")).isEqualTo(new ModelDirectory.Choice("openai", "gpt-4o"));
        assertThat(models.resolve("meta-llama/Llama-3-8b"))
                .isEqualTo(new ModelDirectory.Choice("local", "meta-llama/Llama-3-8b"));
        assertThat(models.resolve("auto")).isEqualTo(new ModelDirectory.Choice(null, null));
        assertThatThrownBy(() -> models.resolve("gpt-5")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.type()).isEqualTo("model_not_found"));
        assertThatThrownBy(() -> models.resolve("off/gpt-5")).isInstanceOf(ApiException.class);
    }

    @Test
    void listsAutoThenEachEnabledProvidersModelsByPriority() {
        assertThat(models.list()).extracting(ModelDirectory.Entry::id).containsExactly("auto", "claude/claude-sonnet-4-5",
                "openai/gpt-4o", "openai/gpt-4o-mini", "local/gpt-4o", "local/meta-llama/Llama-3-8b");
    }

    @Test
    void namesEachProblemAsOpenAisParameter() {
        assertThat(errorsOf("""
                {"messages": [{"role": "user", "content": ""}, {"role": "tool", "content": "x"},
                              {"role": "user", "content": [{"type": "image_url", "image_url": {"url": "u"}}]},
                              {"role": "robot", "content": "x"}, {"role": "user"}],
                 "max_completion_tokens": 0, "n": 2, "tools": [{"type": "function"}]}
                """)).extracting(FieldError::field).containsExactly("model", "messages[0].content", "messages[1].role",
                "messages[2].content", "messages[3].role", "messages[4].content", "max_completion_tokens", "n", "tools");
    }

    @Test
    void refusesAConversationThatDoesNotEndWithTheUser() {
        assertThat(errorsOf("""
                {"model": "auto", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yo"}]}
                """)).extracting(FieldError::field).containsExactly("messages");
        assertThat(errorsOf("""
                {"model": "auto", "messages": [{"role": "system", "content": "only a system prompt"}]}
                """)).extracting(FieldError::field).containsExactly("messages");
        assertThat(errorsOf("""
                {"model": "auto", "messages": []}
                """)).extracting(FieldError::field).containsExactly("messages");
    }
}
