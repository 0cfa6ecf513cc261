package dev.llmgateway.worker.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockClientTest {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final MockClient client = new MockClient(timer);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void answersWithTheLastMessageAndCountsWordsAsTokens() {
        ProviderCall call = call(null, "be very brief", null,
                List.of(ChatMessage.user("first question"), new ChatMessage("assistant", "an answer"),
                        ChatMessage.user("and the second one")));

        ProviderResponse response = client.generate(call).join();

        assertThat(response.content()).isEqualTo("Mock response to: and the second one");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new TokenUsage(3 + 2 + 2 + 4, 7));
    }

    @Test
    void streamsItsAnswerOneWordAtATimeWithTheSameWholeAnswer() {
        ProviderCall call = call(null, null, null, List.of(ChatMessage.user("tell me  more")));
        List<String> pieces = new java.util.ArrayList<>();

        ProviderResponse response = client.stream(call, pieces::add).join();

        assertThat(pieces).containsExactly("Mock", " response", " to:", " tell", " me", "  more");
        assertThat(String.join("", pieces)).isEqualTo(response.content());
        assertThat(response).isEqualTo(client.generate(call).join());
    }

    @Test
    void answersTheSameWayEveryTime() {
        ProviderCall call = call(null, null, null, List.of(ChatMessage.user("same")));

        assertThat(client.generate(call).join()).isEqualTo(client.generate(call).join());
    }

    @Test
    void cutsTheAnswerAtMaxTokensAndSaysLength() {
        ProviderResponse response = client.generate(call(null, null, 3, List.of(ChatMessage.user("a long question")))).join();

        assertThat(response.content()).isEqualTo("Mock response to:");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void answersAtOnceWithoutLatency() {
        CompletableFuture<ProviderResponse> answer = client.generate(call("mock://", null, null, List.of(ChatMessage.user("hi"))));

        assertThat(answer).isCompleted();
        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void latencyFromTheBaseUrlDelaysTheAnswerOnTheTimerWithoutAThread() {
        CompletableFuture<ProviderResponse> answer =
                client.generate(call("mock://?x=1&latency_ms=60000", null, null, List.of(ChatMessage.user("hi"))));

        assertThat(answer).isNotDone();
        assertThat(timer.getQueue()).singleElement().satisfies(task ->
                assertThat(((Delayed) task).getDelay(TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L));
    }

    @Test
    void aShortLatencyAnswersAfterIt() throws Exception {
        CompletableFuture<ProviderResponse> answer =
                client.generate(call("mock://?latency_ms=20", null, null, List.of(ChatMessage.user("hi"))));

        assertThat(answer.get(5, TimeUnit.SECONDS).content()).isEqualTo("Mock response to: hi");
    }

    @Test
    void aBaseUrlThatIsNoUriMeansNoLatency() {
        assertThat(client.generate(call("mock://", null, null, List.of(ChatMessage.user("hi"))))).isCompleted();
        assertThat(client.generate(call("not a url", null, null, List.of(ChatMessage.user("hi"))))).isCompleted();
    }

    @Test
    void anUnreadableLatencyIsRejectedNamingIt() {
        assertThatThrownBy(() -> client.generate(call("mock://?latency_ms=soon", null, null, List.of(ChatMessage.user("hi")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soon'");
    }

    private static ProviderCall call(String baseUrl, String system, Integer maxTokens, List<ChatMessage> messages) {
        ProviderConfig mock = new ProviderConfig("mock", ProviderType.MOCK, "Mock", baseUrl, null, List.of("mock-1"),
                "mock-1", true, 10, null, 5_000, 0);
        return new ProviderCall(mock, null, "mock-1", system, messages, maxTokens, null, Duration.ofSeconds(5), "req-1");
    }
}
