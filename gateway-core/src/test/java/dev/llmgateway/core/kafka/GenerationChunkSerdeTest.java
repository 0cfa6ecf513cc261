package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.GenerationChunk;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class GenerationChunkSerdeTest {
    private static final String TOPIC = "llm.replies.api-1";

    private static String write(GenerationChunk chunk) {
        return new String(Topics.CHUNKS.valueSerde().serializer().serialize(TOPIC, chunk), StandardCharsets.UTF_8);
    }

    private static GenerationChunk read(String json) {
        return Topics.CHUNKS.valueSerde().deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesSnakeCaseFieldsAndReadsThemBack() {
        GenerationChunk chunk = new GenerationChunk("gen_1", 3, " world", "claude", "claude-sonnet-4-5-20250929");

        String json = write(chunk);

        assertThat(json).contains("\"request_id\":\"gen_1\"", "\"index\":3", "\"delta\":\" world\"",
                "\"provider\":\"claude\"");
        assertThat(read(json)).isEqualTo(chunk);
    }

    @Test
    void aChunkIsNotAResultAndAResultIsNotAChunk() {
        String chunk = write(new GenerationChunk("gen_1", 0, "Hi", null, null));
        String result = "{\"id\":\"gen_1\",\"status\":\"succeeded\",\"content\":\"Hi\"}";

        assertThatThrownBy(() -> Topics.RESULTS.valueSerde().deserializer()
                .deserialize(TOPIC, chunk.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read(result)).isInstanceOf(SerializationException.class);
    }

    @Test
    void refusesANegativeIndex() {
        assertThatThrownBy(() -> read("{\"request_id\":\"gen_1\",\"index\":-1,\"delta\":\"x\"}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("index");
    }
}
