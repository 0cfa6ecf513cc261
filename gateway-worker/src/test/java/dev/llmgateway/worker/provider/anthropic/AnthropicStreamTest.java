package dev.llmgateway.worker.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTest {
    private final List<String> pieces = new ArrayList<>();
    private final AnthropicStream stream = new AnthropicStream(pieces::add);

    @Test
    void anOverloadErrorEventFailsTheCallRetryably() {
        stream.event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}");
        stream.event("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}");

        assertThatThrownBy(() -> stream.event("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("error event in stream (overloaded_error)");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(pieces).containsExactly("Hi");
    }

    @Test
    void ignoresPingsAndNonTextDeltasAndTakesTheLastOutputCount() {
        stream.event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}");
        stream.event("ping", "{\"type\":\"ping\"}");
        stream.event("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}");
        stream.event("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}");
        stream.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":7}}");
        stream.event("message_stop", "{\"type\":\"message_stop\"}");

        assertThat(stream.finish()).isEqualTo(new ProviderResponse("Hello", "stop", new TokenUsage(3, 7)));
        assertThat(pieces).containsExactly("Hello");
    }

    @Test
    void dataThatIsNotJsonIsAMalformedResponse() {
        assertThatThrownBy(() -> stream.event("content_block_delta", "{\"type\":"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).startsWith("malformed response"));
    }

    @Test
    void aTokenCountThatIsNotACountIsAMalformedAnswerNotAZero() {
        assertThatThrownBy(() -> stream.event("message_start",
                "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":2.5e20}}}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).contains("input_tokens is not a token count"));
        assertThatThrownBy(() -> stream.event("message_delta",
                "{\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":\"seven\"}}"))
                .isInstanceOf(ProviderException.class);
    }
}
