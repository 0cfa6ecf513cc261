package dev.llmgateway.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.ProviderTarget;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final ProviderTarget CLAUDE = new ProviderTarget("claude", "claude-sonnet-4-5-20250929");

    private static GenerationRequest.Builder base() {
        return GenerationRequest.builder("gen_1", "u1", "trendscout")
                .system("be brief")
                .messages(List.of(ChatMessage.user("Hello"), new ChatMessage("assistant", "Hi"),
                        ChatMessage.user("Summarise")))
                .maxTokens(1024)
                .temperature(0.7);
    }

    private static String keyOf(UnaryOperator<GenerationRequest.Builder> change) {
        return CacheKey.of(CLAUDE, change.apply(base()).build());
    }

    @Test
    void isVersionedHexSha256() {
        assertThat(CacheKey.of(CLAUDE, base().build())).startsWith(CacheKey.VERSION + ":").matches("v1:[0-9a-f]{64}");
    }

    @Test
    void isStableForEqualInput() {
        assertThat(CacheKey.of(CLAUDE, base().build()))
                .isEqualTo(CacheKey.of(new ProviderTarget("claude", "claude-sonnet-4-5-20250929"), base().build()));
    }

    @Test
    void ignoresWhoAskedAndHowTheAnswerIsDelivered() {
        GenerationRequest other = GenerationRequest.builder("gen_2", "someone_else", "billing")
                .system("be brief")
                .messages(List.of(ChatMessage.user("Hello"), new ChatMessage("assistant", "Hi"),
                        ChatMessage.user("Summarise")))
                .maxTokens(1024)
                .temperature(0.7)
                .metadata(Map.of("trace", "abc"))
                .stream(true)
                .build();

        assertThat(CacheKey.of(CLAUDE, other)).isEqualTo(CacheKey.of(CLAUDE, base().build()));
    }

    @Test
    void treatsAPromptLikeTheSameTextAsOneUserMessage() {
        GenerationRequest prompt = GenerationRequest.builder("gen_1", "u1", "s").prompt("Hello world").build();
        GenerationRequest message = GenerationRequest.builder("gen_2", "u1", "s")
                .messages(List.of(ChatMessage.user("Hello world"))).build();

        assertThat(CacheKey.of(CLAUDE, prompt)).isEqualTo(CacheKey.of(CLAUDE, message));
        assertThat(CacheKey.of(CLAUDE, prompt)).isNotEqualTo(CacheKey.of(CLAUDE,
                GenerationRequest.builder("gen_3", "u1", "s")
                        .messages(List.of(new ChatMessage("assistant", "Hello world"))).build()));
    }

    @Test
    void differsForAnotherProviderOrModel() {
        GenerationRequest request = base().build();
        String key = CacheKey.of(CLAUDE, request);

        assertThat(CacheKey.of(new ProviderTarget("claude-eu", CLAUDE.model()), request)).isNotEqualTo(key);
        assertThat(CacheKey.of(new ProviderTarget("claude", "claude-haiku-4-5"), request)).isNotEqualTo(key);
    }

    @Test
    void differsForAnyChangeOfSystemPrompt() {
        String key = keyOf(b -> b);

        assertThat(keyOf(b -> b.system("be verbose"))).isNotEqualTo(key);
        assertThat(keyOf(b -> b.system(null))).isNotEqualTo(key);
        assertThat(keyOf(b -> b.system("be brief "))).isNotEqualTo(key);
    }

    @Test
    void differsForAnyChangeOfMessages() {
        String key = keyOf(b -> b);

        assertThat(keyOf(b -> b.messages(List.of(ChatMessage.user("Hello"), new ChatMessage("assistant", "Hi"),
                ChatMessage.user("summarise"))))).as("content").isNotEqualTo(key);
        assertThat(keyOf(b -> b.messages(List.of(ChatMessage.user("Hello"), ChatMessage.user("Hi"),
                ChatMessage.user("Summarise"))))).as("role").isNotEqualTo(key);
        assertThat(keyOf(b -> b.messages(List.of(ChatMessage.user("Summarise"), new ChatMessage("assistant", "Hi"),
                ChatMessage.user("Hello"))))).as("order").isNotEqualTo(key);
        assertThat(keyOf(b -> b.messages(List.of(ChatMessage.user("Hello"), new ChatMessage("assistant", "Hi")))))
                .as("one fewer").isNotEqualTo(key);
    }

    @Test
    void differsWhenTextMovesBetweenMessages() {
        String split = keyOf(b -> b.messages(List.of(ChatMessage.user("ab"), ChatMessage.user("c"))));
        String moved = keyOf(b -> b.messages(List.of(ChatMessage.user("a"), ChatMessage.user("bc"))));

        assertThat(split).isNotEqualTo(moved);
    }

    @Test
    void differsForAnyChangeOfSamplingParameters() {
        String key = keyOf(b -> b);

        assertThat(keyOf(b -> b.maxTokens(1025))).isNotEqualTo(key);
        assertThat(keyOf(b -> b.maxTokens(null))).isNotEqualTo(key);
        assertThat(keyOf(b -> b.temperature(0.0))).isNotEqualTo(key);
        assertThat(keyOf(b -> b.temperature(0.71))).isNotEqualTo(key);
        assertThat(keyOf(b -> b.temperature(null))).isNotEqualTo(key);
    }
}
