package dev.llmgateway.worker.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.worker.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamTest {
    private final List<String> pieces = new ArrayList<>();
    private final OpenAiStream stream = new OpenAiStream(pieces::add);

    @Test
    void aServerThatSendsNoUsageIsCountedOneOutputTokenPerContentChunk() {
        stream.event(null, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
        stream.event(null, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}");
        stream.event(null, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}");
        stream.event(null, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
        stream.event(null, "[DONE]");

        assertThat(stream.finish().usage()).isEqualTo(new TokenUsage(0, 2));
        assertThat(stream.finish().finishReason()).isEqualTo("length");
        assertThat(pieces).containsExactly("Hel", "lo");
    }

    @Test
    void anErrorChunkFailsTheCall() {
        stream.event(null, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}");

        assertThatThrownBy(() -> stream.event(null, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("error in stream (server_error)"));
    }

    @Test
    void aTokenCountThatIsNotACountIsAMalformedAnswerNotAZero() {
        stream.event(null, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}");

        assertThatThrownBy(() -> stream.event(null,
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":\"many\",\"completion_tokens\":1}}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.getMessage()).contains("prompt_tokens is not a token count"));
        assertThatThrownBy(() -> stream.event(null,
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":-1}}"))
                .isInstanceOf(ProviderException.class);
    }
}
