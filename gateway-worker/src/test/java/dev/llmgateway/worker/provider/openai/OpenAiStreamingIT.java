package dev.llmgateway.worker.provider.openai;

import static dev.llmgateway.worker.provider.ProviderCalls.KEY;
import static dev.llmgateway.worker.provider.ProviderCalls.answer;
import static dev.llmgateway.worker.provider.ProviderCalls.failure;
import static dev.llmgateway.worker.provider.ProviderCalls.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Chat Completions with {@code stream: true}, against the fake's chunk stream. */
class OpenAiStreamingIT {
    @RegisterExtension
    static final FakeProvider FAKE = FakeProvider.start(KEY);

    private final OpenAiClient client = new OpenAiClient(ProviderCalls.http());
    private final List<String> pieces = new CopyOnWriteArrayList<>();

    @Test
    void asksForTheUsageAndHandsOnEachContentPieceInOrder() {
        FAKE.setDefault(Behavior.reply("alpha beta gamma"));

        ProviderResponse response = answer(client.stream(call(ProviderType.OPENAI), pieces::add));

        assertThat(pieces).containsExactly("alpha", " beta", " gamma");
        assertThat(response).isEqualTo(new ProviderResponse("alpha beta gamma", "stop", new TokenUsage(2, 3)));
        JsonNode body = FAKE.requests().get(0).json();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void anOpenAiCompatibleServerStreamsTheSameWay() {
        FAKE.setDefault(Behavior.reply("alpha beta"));

        ProviderResponse response = answer(client.stream(call(ProviderType.CUSTOM), pieces::add));

        assertThat(pieces).containsExactly("alpha", " beta");
        assertThat(response.usage()).isEqualTo(new TokenUsage(2, 2));
    }

    @Test
    void aStreamEndingBeforeDoneFailsAfterThePiecesItSent() {
        HeldStream held = Behavior.heldStream("alpha beta gamma", 2);
        FAKE.setDefault(held);

        var streaming = client.stream(call(ProviderType.OPENAI), pieces::add);
        await().atMost(Duration.ofSeconds(30)).until(() -> pieces.size() == 2);
        held.cut();
        ProviderException error = failure(streaming);

        assertThat(error.getMessage()).contains("ended before [DONE]");
        assertThat(pieces).containsExactly("alpha", " beta");
    }

    @Test
    void aRateLimitBeforeTheStreamCarriesItsRetryAfter() {
        FAKE.setDefault(Behavior.rateLimited(7));

        ProviderException error = failure(client.stream(call(ProviderType.OPENAI), pieces::add));

        assertThat(error.status()).isEqualTo(429);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(pieces).isEmpty();
    }

    private static ProviderCall call(ProviderType type) {
        return ProviderCalls.call(provider(type, FAKE.openAiBaseUrl()), KEY, "gpt-4o-mini", null, null, null,
                List.of(ChatMessage.user("hello there")), Duration.ofSeconds(5));
    }
}
