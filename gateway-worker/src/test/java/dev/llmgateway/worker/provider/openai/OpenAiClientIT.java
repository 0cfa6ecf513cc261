package dev.llmgateway.worker.provider.openai;

import static dev.llmgateway.worker.provider.ProviderCalls.KEY;
import static dev.llmgateway.worker.provider.ProviderCalls.answer;
import static dev.llmgateway.worker.provider.ProviderCalls.closedPort;
import static dev.llmgateway.worker.provider.ProviderCalls.failure;
import static dev.llmgateway.worker.provider.ProviderCalls.provider;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.testkit.fakeprovider.RecordedRequest;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderCalls;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiClientIT {
    @RegisterExtension
    static final FakeProvider FAKE = FakeProvider.start(KEY);

    private final OpenAiClient client = new OpenAiClient(ProviderCalls.http());

    @Test
    void sendsABearerKeyTheSystemPromptFirstAndMaxCompletionTokens() {
        answer(client.generate(call(ProviderType.OPENAI, FAKE.openAiBaseUrl(), KEY, "be brief", 64, 0.7,
                List.of(ChatMessage.user("hello"), new ChatMessage("assistant", "hi"), ChatMessage.user("how are you")))));

        RecordedRequest request = FAKE.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("x-api-key")).isNull();
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-test");
        assertThat(body.path("messages")).hasSize(4);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("be brief");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/3/content").asText()).isEqualTo("how are you");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.has("system")).isFalse();
    }

    @Test
    void aCustomServerGetsMaxTokens() {
        answer(client.generate(call(ProviderType.CUSTOM, FAKE.openAiBaseUrl(), KEY, null, 64, null,
                List.of(ChatMessage.user("hello")))));

        JsonNode body = FAKE.requests().get(0).json();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.path("messages")).hasSize(1);
    }

    @Test
    void sendsNoLimitOrTemperatureWhenTheJobHasNone() {
        answer(client.generate(call(ProviderType.OPENAI, FAKE.openAiBaseUrl(), KEY, null, null, null,
                List.of(ChatMessage.user("hello")))));

        JsonNode body = FAKE.requests().get(0).json();
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void theBaseUrlCarriesTheVersionPathAndMayEndInASlash() {
        answer(client.generate(call(ProviderType.CUSTOM, FAKE.openAiBaseUrl() + "/", KEY, null, null, null,
                List.of(ChatMessage.user("hello")))));

        assertThat(FAKE.requests().get(0).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void aCustomServerWithoutKeyGetsNoAuthorizationHeader() {
        ProviderException error = failure(client.generate(call(ProviderType.CUSTOM, FAKE.openAiBaseUrl(), null, null,
                null, null, List.of(ChatMessage.user("hello")))));

        assertThat(FAKE.requests().get(0).header("authorization")).isNull();
        assertThat(error.status()).isEqualTo(401);
    }

    @Test
    void mapsTheCompletionToContentFinishReasonAndUsage() {
        FAKE.enqueue(Behavior.reply("one two three"));

        ProviderResponse response = answer(client.generate(call(ProviderType.OPENAI, FAKE.openAiBaseUrl(), KEY,
                "be brief", 100, null, List.of(ChatMessage.user("count to three")))));

        assertThat(response.content()).isEqualTo("one two three");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new TokenUsage(2 + 3, 3));
    }

    @Test
    void aCutAnswerFinishesWithLength() {
        FAKE.enqueue(Behavior.reply("one two three four five"));

        ProviderResponse response = answer(client.generate(call(ProviderType.CUSTOM, FAKE.openAiBaseUrl(), KEY, null,
                2, null, List.of(ChatMessage.user("count")))));

        assertThat(response.content()).isEqualTo("one two");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void aWrongKeyIsNotRetryableAndTheErrorBodyStaysOut() {
        ProviderException error = failure(client.generate(call(ProviderType.OPENAI, FAKE.openAiBaseUrl(), "sk-wrong-key",
                null, null, null, List.of(ChatMessage.user("hello")))));

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).isEqualTo("HTTP 401").doesNotContain("Incorrect API key").doesNotContain("sk-");
    }

    @Test
    void aBadRequestIsNotRetryable() {
        FAKE.enqueue(Behavior.status(400));

        ProviderException error = failure(generate());

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void aRateLimitIsRetryableAfterTheProvidersDelay() {
        FAKE.enqueue(Behavior.rateLimited(3));

        ProviderException error = failure(generate());

        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(3));
        assertThat(error.getMessage()).isEqualTo("HTTP 429");
    }

    @Test
    void serverErrorsAreRetryable() {
        FAKE.enqueue(Behavior.status(500), Behavior.status(503));

        ProviderException internal = failure(generate());
        ProviderException unavailable = failure(generate());

        assertThat(internal.retryable()).isTrue();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.getMessage()).isEqualTo("HTTP 503").doesNotContain("overloaded");
    }

    @Test
    void aMalformedBodyIsRetryable() {
        FAKE.enqueue(Behavior.malformedBody());

        ProviderException error = failure(generate());

        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).startsWith("malformed response").doesNotContain("chatcmpl");
    }

    @Test
    void anAnswerWithTokenCountsNoLedgerCanHoldIsMalformedAndRetryable() {
        for (String count : List.of("-1", "1e15", "\"many\"")) {
            FAKE.enqueue(Behavior.rawAnswer(String.format("""
            {"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0,
             "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": %s, "completion_tokens": 3}}""", count)));

            ProviderException error = failure(generate());

            assertThat(error.retryable()).as(count).isTrue();
            assertThat(error.getMessage()).as(count).startsWith("malformed response").doesNotContain("chatcmpl");
        }
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsATimeout() {
        FAKE.enqueue(Behavior.hang());

        ProviderException error = failure(client.generate(ProviderCalls.call(
                provider(ProviderType.OPENAI, FAKE.openAiBaseUrl()), KEY, "gpt-test", null, null, null,
                List.of(ChatMessage.user("hello")), Duration.ofMillis(300))));

        assertThat(error.getMessage()).isEqualTo("timed out");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsATimeoutToo() {
        FAKE.enqueue(Behavior.hangMidBody());

        ProviderException error = failure(client.generate(ProviderCalls.call(
                provider(ProviderType.OPENAI, FAKE.openAiBaseUrl()), KEY, "gpt-test", null, null, null,
                List.of(ChatMessage.user("hello")), Duration.ofMillis(300))));

        assertThat(error.getMessage()).isEqualTo("timed out");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void aRefusedConnectionIsAnIoError() {
        ProviderException error = failure(client.generate(call(ProviderType.OPENAI, "http://127.0.0.1:" + closedPort()
                + "/v1", KEY, null, null, null, List.of(ChatMessage.user("hello")))));

        assertThat(error.getMessage()).isEqualTo("connection refused");
        assertThat(error.retryable()).isTrue();
    }

    private CompletableFuture<ProviderResponse> generate() {
        return client.generate(call(ProviderType.OPENAI, FAKE.openAiBaseUrl(), KEY, null, null, null,
                List.of(ChatMessage.user("hello"))));
    }

    private static ProviderCall call(ProviderType type, String baseUrl, String key, String system, Integer maxTokens,
            Double temperature, List<ChatMessage> messages) {
        return ProviderCalls.call(provider(type, baseUrl), key, "gpt-test", system, maxTokens, temperature, messages,
                Duration.ofSeconds(5));
    }
}
