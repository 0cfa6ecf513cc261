package dev.llmgateway.worker.provider.anthropic;

import static dev.llmgateway.worker.provider.ProviderCalls.KEY;
import static dev.llmgateway.worker.provider.ProviderCalls.answer;
import static dev.llmgateway.worker.provider.ProviderCalls.failure;
import static dev.llmgateway.worker.provider.ProviderCalls.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.testkit.fakeprovider.HeldStream;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderCalls;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Messages API with {@code stream: true}, against the fake's event stream. */
class AnthropicStreamingIT {
    @RegisterExtension
    static final FakeProvider FAKE = FakeProvider.start(KEY);

    private final AnthropicClient client = new AnthropicClient(ProviderCalls.http());
    private final List<String> pieces = new CopyOnWriteArrayList<>();

    @Test
    void handsOnEachTextDeltaInOrderAndAnswersWithTheWholeTextAndUsage() {
        FAKE.setDefault(Behavior.reply("alpha beta gamma"));

        ProviderResponse response = answer(client.stream(call(null, Duration.ofSeconds(5)), pieces::add));

        assertThat(pieces).containsExactly("alpha", " beta", " gamma");
        assertThat(response).isEqualTo(new ProviderResponse("alpha beta gamma", "stop", new TokenUsage(2, 3)));
        assertThat(FAKE.requests().get(0).json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamCutOffAtMaxTokensFinishesWithLength() {
        FAKE.setDefault(Behavior.reply("alpha beta gamma"));

        ProviderResponse response = answer(client.stream(call(2, Duration.ofSeconds(5)), pieces::add));

        assertThat(response.content()).isEqualTo("alpha beta");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void aStreamEndingBeforeMessageStopFailsAfterThePiecesItSent() {
        HeldStream held = Behavior.heldStream("alpha beta gamma", 1);
        FAKE.setDefault(held);

        var streaming = client.stream(call(null, Duration.ofSeconds(5)), pieces::add);
        await().atMost(Duration.ofSeconds(30)).until(() -> pieces.size() == 1);
        held.cut();
        ProviderException error = failure(streaming);

        assertThat(error.getMessage()).contains("ended before message_stop");
        assertThat(error.retryable()).isTrue();
        assertThat(pieces).containsExactly("alpha");
    }

    @Test
    void aStreamThatStallsFailsAtTheCallsTimeoutThoughItsHeadCameInTime() {
        FAKE.setDefault(Behavior.heldStream("alpha beta gamma", 1));

        ProviderException error = failure(client.stream(call(null, Duration.ofMillis(500)), pieces::add));

        assertThat(error.getMessage()).isEqualTo("timed out");
        assertThat(error.retryable()).isTrue();
        assertThat(pieces).containsExactly("alpha");
    }

    @Test
    void anErrorStatusFailsBeforeAnyPieceWithTheStatus() {
        FAKE.setDefault(Behavior.status(529));

        ProviderException error = failure(client.stream(call(null, Duration.ofSeconds(5)), pieces::add));

        assertThat(error.status()).isEqualTo(529);
        assertThat(error.retryable()).isTrue();
        assertThat(pieces).isEmpty();
    }

    private static ProviderCall call(Integer maxTokens, Duration timeout) {
        return ProviderCalls.call(provider(ProviderType.ANTHROPIC, FAKE.baseUrl()), KEY, "claude-test", null,
                maxTokens, null, List.of(ChatMessage.user("hello there")), timeout);
    }
}
