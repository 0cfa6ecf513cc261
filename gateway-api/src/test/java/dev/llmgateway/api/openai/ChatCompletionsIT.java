package dev.llmgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.ProviderRow;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /v1/chat/completions} and {@code /v1/models} through the official OpenAI Java SDK, with
 * only its base URL and key changed, and raw HTTP where the wire format itself is the point.
 */
class ChatCompletionsIT {
    private static final String CLAUDE = "claude/claude-sonnet-4-5-20250929";

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;
    private static OpenAIClient openai;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        openai = client(GatewayHarness.SERVICE_KEY);
    }

    @AfterAll
    static void stopGateway() {
        if (openai != null) {
            openai.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void freshState() {
        gateway.refreshCatalogs();
        gateway.clearLocalCaches();
        gateway.fake().reset();
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gateway.api().baseUrl() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .putHeader("X-Gateway-Service", "trendscout")
                .build();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
    }

    @Test
    void answersACompletionWithOpenAisShapeUsageAndTheGatewaysRouting() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(CLAUDE)
                .addSystemMessage("Be brief")
                .addUserMessage("Hello world")
                .user("u1")
                .maxCompletionTokens(50)
                .temperature(0.5)
                .build());

        completion.validate();
        assertThat(completion.id()).startsWith("gen_");
        assertThat(completion.model()).isEqualTo(CLAUDE);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Echo: Hello world");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        // the fake counts words: "Be brief" and "Hello world" in, "Echo: Hello world" out
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(4);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(7);
        RecordedRequest sent = gateway.fake().requests().get(0);
        assertThat(sent.json().path("system").asText()).isEqualTo("Be brief");
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(50);
        UsageEvent usage = usageOf(completion.id());
        assertThat(usage.userId()).isEqualTo("u1");
        assertThat(usage.service()).isEqualTo("trendscout");
    }

    @Test
    void takesAModelNameThatAnEnabledProviderLists() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));

        ChatCompletion completion = openai.chat().completions().create(ask("gpt-4o", "Hi").build());

        assertThat(completion.model()).isEqualTo("openai/gpt-4o");
        assertThat(gateway.fake().requests().get(0).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void autoRoutesByTheUsersOverride() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        gateway.addOverride("premium_user", null, "openai", "gpt-4o");

        ChatCompletion premium = openai.chat().completions().create(ask("auto", "Hi").user("premium_user").build());
        ChatCompletion anonymous = openai.chat().completions().create(ask("auto", "Hi").build());

        assertThat(premium.model()).isEqualTo("openai/gpt-4o");
        assertThat(anonymous.model()).isEqualTo(CLAUDE);
    }

    @Test
    void streamsTheAnswerAsChunksWithAFinalUsageChunk() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                ask(CLAUDE, "Stream this").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            chunks = stream.stream().map(accumulator::accumulate).toList();
        }

        assertThat(chunks).allSatisfy(ChatCompletionChunk::validate);
        assertThat(chunks.get(0).choices().get(0).delta().role()).contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        String streamed = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(streamed).isEqualTo("Echo: Stream this");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(5);
        ChatCompletion assembled = accumulator.chatCompletion();
        assertThat(assembled.choices().get(0).message().content()).contains("Echo: Stream this");
        assertThat(assembled.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void theStreamIsServerSentEventsEndingInDone() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/v1/chat/completions", Map.of("model", CLAUDE, "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "Hi"))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events).allSatisfy(event -> assertThat(event).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(events.get(events.size() - 2)).contains("\"finish_reason\":\"stop\"").doesNotContain("usage");
        assertThat(events.get(0)).contains("\"object\":\"chat.completion.chunk\"", "\"role\":\"assistant\"");
    }

    @Test
    void listsTheEnabledProvidersModelsAsProviderSlashModel() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        gateway.addProvider(ProviderRow.mock("off").withEnabled(false));

        List<Model> models = openai.models().list().data();

        assertThat(models).extracting(Model::id).containsExactly("auto", CLAUDE, "openai/gpt-4o",
                "openai/gpt-4o-mini");
        assertThat(models).allSatisfy(Model::validate);
        assertThat(models.get(1).ownedBy()).isEqualTo("claude");
    }

    @Test
    void retrievesOneModelByItsIdWithTheSlashAsIs() {
        gateway.addProvider(gateway.fakeOpenAi("openai"));

        ApiResponse found = gateway.api().get("/v1/models/openai/gpt-4o");
        ApiResponse missing = gateway.api().get("/v1/models/openai/gpt-9");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("id").asText()).isEqualTo("openai/gpt-4o");
        assertThat(found.json().path("object").asText()).isEqualTo("model");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(openai.models().retrieve("auto").ownedBy()).isEqualTo(ModelDirectory.OWNER);
    }

    @Test
    void aWrongKeyRaisesTheSdksUnauthorizedException() {
        OpenAIClient wrongKey = client("not-a-key");
        try {
            assertThatThrownBy(() -> wrongKey.chat().completions().create(ask(CLAUDE, "Hi").build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.code()).contains("invalid_api_key");
                        assertThat(e.type()).contains("invalid_request_error");
                    });
        } finally {
            wrongKey.close();
        }
    }

    @Test
    void anUnknownModelRaisesNotFoundWithCodeModelNotFound() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        assertThatThrownBy(() -> openai.chat().completions().create(ask("gpt-9000", "Hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.param()).contains("model");
                });
        assertThat(gateway.fake().requestCount()).isZero();
    }

    @Test
    void invalidParametersRaiseBadRequestNamingTheParameter() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi").temperature(3.0).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("temperature"));
        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi")
                .addAssistantMessage("Hello").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("messages"));
        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi").maxCompletionTokens(0).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).contains("max_completion_tokens"));
    }

    @Test
    void errorsHaveExactlyOpenAisFieldsAndStatuses() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse badRole = gateway.api().post("/v1/chat/completions", Map.of("model", CLAUDE,
                "messages", List.of(Map.of("role", "system", "content", "s"), Map.of("role", "tool", "content", "x"))));
        ApiResponse notJson = gateway.api().post("/v1/chat/completions", "{\"model\": ");
        ApiResponse noSuchPath = gateway.api().get("/v1/nothing-here");

        assertThat(badRole.status()).isEqualTo(400);
        JsonNode error = badRole.json().path("error");
        assertThat(error.properties()).extracting(Map.Entry::getKey).containsExactly("message", "type", "param", "code");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo("messages[1].role");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(noSuchPath.status()).isEqualTo(404);
        assertThat(noSuchPath.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(noSuchPath.json().path("error").has("param")).isTrue();
    }

    @Test
    void aReachedRateLimitRaisesRateLimitExceptionWithRetryAfter() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(1));
        openai.chat().completions().create(ask(CLAUDE, "one").build());

        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "two").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.headers().values("Retry-After")).isNotEmpty();
                });
    }

    @Test
    void failingProvidersRaiseAServerErrorWithTheRequestId() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(0));
        gateway.fake().setDefault(Behavior.status(500));

        assertThatThrownBy(() -> openai.chat().completions().create(ask(CLAUDE, "Hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.type()).contains("server_error");
                    assertThat(e.code()).contains("provider_error");
                    assertThat(e.headers().values("X-Request-Id")).singleElement().asString().startsWith("gen_");
                });
    }

    @Test
    void identicalRequestsAreAnsweredFromTheCache() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        Map<String, Object> body = Map.of("model", CLAUDE, "messages", List.of(Map.of("role", "user", "content", "same")));

        ApiResponse first = gateway.api().post("/v1/chat/completions", body);
        ApiResponse second = gateway.api().post("/v1/chat/completions", body);

        assertThat(first.header("X-Gateway-Cached")).isEqualTo("false");
        assertThat(second.header("X-Gateway-Cached")).isEqualTo("true");
        assertThat(second.json().path("choices").get(0).path("message").path("content").asText()).isEqualTo("Echo: same");
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    private static UsageEvent usageOf(String requestId) {
        return gateway.kafka().readUntil(Topics.USAGE.name(), new StringDeserializer(),
                        Topics.USAGE.valueSerde().deserializer(),
                        records -> records.stream().anyMatch(r -> requestId.equals(r.key())), Duration.ofSeconds(10))
                .stream().filter(r -> requestId.equals(r.key())).findFirst().orElseThrow().value();
    }
}
