package dev.llmgateway.worker.provider.anthropic;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicClientIT {
    @RegisterExtension
    static final FakeProvider FAKE = FakeProvider.start(KEY);

    private final AnthropicClient client = new AnthropicClient(ProviderCalls.http());

    @Test
    void sendsTheKeyTheVersionATopLevelSystemPromptAndTheMessages() {
        answer(client.generate(call(FAKE.baseUrl(), KEY, "be brief", 64, 0.2,
                List.of(ChatMessage.user("hello"), new ChatMessage("assistant", "hi"), ChatMessage.user("how are you")))));

        RecordedRequest request = FAKE.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("authorization")).isNull();
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("claude-test");
        assertThat(body.path("system").asText()).isEqualTo("be brief");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("messages")).hasSize(3);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("hello");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/2/content").asText()).isEqualTo("how are you");
    }

    @Test
    void alwaysSendsMaxTokensAndNoSystemWhenThereIsNone() {
        answer(client.generate(call(FAKE.baseUrl(), KEY, null, null, null, List.of(ChatMessage.user("hello")))));

        JsonNode body = FAKE.requests().get(0).json();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.has("system")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void aBaseUrlWithATrailingSlashIsUsedAsIs() {
        answer(client.generate(call(FAKE.baseUrl() + "/", KEY, null, null, null, List.of(ChatMessage.user("hello")))));

        assertThat(FAKE.requests().get(0).path()).isEqualTo("/v1/messages");
    }

    @Test
    void aTemperatureAboveAnthropicsRangeIsCappedInsteadOfRejected() {
        ProviderResponse response = answer(client.generate(call(FAKE.baseUrl(), KEY, null, null, 1.7,
                List.of(ChatMessage.user("hello")))));

        assertThat(response.content()).isEqualTo("Echo: hello");
        assertThat(FAKE.requests().get(0).json().path("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void mapsTheMessageToContentFinishReasonAndUsage() {
        FAKE.enqueue(Behavior.reply("one two three"));

        ProviderResponse response = answer(client.generate(call(FAKE.baseUrl(), KEY, "be brief", 100, null,
                List.of(ChatMessage.user("count to three")))));

        assertThat(response.content()).isEqualTo("one two three");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new TokenUsage(2 + 3, 3));
    }

    @Test
    void aCutAnswerFinishesWithLengthAsOpenAiSaysIt() {
        FAKE.enqueue(Behavior.reply("one two three four five"));

        ProviderResponse response = answer(client.generate(call(FAKE.baseUrl(), KEY, null, 2, null,
                List.of(ChatMessage.user("count")))));

        assertThat(response.content()).isEqualTo("one two");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void stopReasonsAreNamedAsOpenAiNamesThem() {
        assertThat(AnthropicClient.finishReason("end_turn")).isEqualTo("stop");
        assertThat(AnthropicClient.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(AnthropicClient.finishReason("max_tokens")).isEqualTo("length");
        assertThat(AnthropicClient.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(AnthropicClient.finishReason("refusal")).isEqualTo("content_filter");
        assertThat(AnthropicClient.finishReason(null)).isEqualTo("stop");
    }

    @Test
    void aWrongKeyIsNotRetryableAndTheErrorBodyStaysOut() {
        ProviderException error = failure(client.generate(call(FAKE.baseUrl(), "sk-wrong", null, null, null,
                List.of(ChatMessage.user("hello")))));

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).isEqualTo("HTTP 401").doesNotContain("x-api-key");
    }

    @Test
    void aBadRequestIsNotRetryable() {
        FAKE.enqueue(Behavior.status(400));

        ProviderException error = failure(generate());

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).isEqualTo("HTTP 400");
    }

    @Test
    void aRateLimitIsRetryableAfterTheProvidersDelay() {
        FAKE.enqueue(Behavior.rateLimited(7));

        ProviderException error = failure(generate());

        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryable()).isTrue();
        assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(7));
        assertThat(error.getMessage()).isEqualTo("HTTP 429").doesNotContain("rate limit");
    }

    @Test
    void serverErrorsAndOverloadAreRetryable() {
        FAKE.enqueue(Behavior.status(500), Behavior.status(529));

        ProviderException internal = failure(generate());
        ProviderException overloaded = failure(generate());

        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.retryable()).isTrue();
        assertThat(internal.retryAfter()).isEmpty();
        assertThat(overloaded.status()).isEqualTo(529);
        assertThat(overloaded.retryable()).isTrue();
        assertThat(overloaded.getMessage()).isEqualTo("HTTP 529").doesNotContain("Overloaded");
    }

    @Test
    void aMalformedBodyIsRetryable() {
        FAKE.enqueue(Behavior.malformedBody());

        ProviderException error = failure(generate());

        assertThat(error.status()).isZero();
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).startsWith("malformed response").doesNotContain("msg_");
    }

    @Test
    void anAnswerWithTokenCountsNoLedgerCanHoldIsMalformedAndRetryable() {
        for (String count : List.of("-1", "1e15", "\"many\"")) {
            FAKE.enqueue(Behavior.rawAnswer(String.format("""
            {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "text", "text": "hi"}],
             "stop_reason": "end_turn", "usage": {"input_tokens": %s, "output_tokens": 3}}""", count)));

            ProviderException error = failure(generate());

            assertThat(error.retryable()).as(count).isTrue();
            assertThat(error.getMessage()).as(count).startsWith("malformed response").doesNotContain("msg_");
        }
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsATimeout() {
        FAKE.enqueue(Behavior.hang());

        ProviderException error = failure(client.generate(call(FAKE.baseUrl(), KEY, null, null, null,
                List.of(ChatMessage.user("hello")), Duration.ofMillis(300))));

        assertThat(error.getMessage()).isEqualTo("timed out");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsATimeoutToo() {
        FAKE.enqueue(Behavior.hangMidBody());

        ProviderException error = failure(client.generate(call(FAKE.baseUrl(), KEY, null, null, null,
                List.of(ChatMessage.user("hello")), Duration.ofMillis(300))));

        assertThat(error.getMessage()).isEqualTo("timed out");
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void aRefusedConnectionIsAnIoError() {
        ProviderException error = failure(client.generate(call("http://127.0.0.1:" + closedPort(), KEY, null, null,
                null, List.of(ChatMessage.user("hello")))));

        assertThat(error.getMessage()).isEqualTo("connection refused");
        assertThat(error.status()).isZero();
        assertThat(error.retryable()).isTrue();
    }

    private java.util.concurrent.CompletableFuture<ProviderResponse> generate() {
        return client.generate(call(FAKE.baseUrl(), KEY, null, null, null, List.of(ChatMessage.user("hello"))));
    }

    private static ProviderCall call(String baseUrl, String key, String system, Integer maxTokens, Double temperature,
            List<ChatMessage> messages) {
        return call(baseUrl, key, system, maxTokens, temperature, messages, Duration.ofSeconds(5));
    }

    private static ProviderCall call(String baseUrl, String key, String system, Integer maxTokens, Double temperature,
            List<ChatMessage> messages, Duration timeout) {
        return ProviderCalls.call(provider(ProviderType.ANTHROPIC, baseUrl), key, "claude-test", system, maxTokens,
                temperature, messages, timeout);
    }
}
