package dev.llmgateway.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.api.wire.openai.ChatCompletionChunk;
import dev.llmgateway.core.json.Json;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Server-sent events of OpenAI's streaming format: one {@code data: <chunk>} per chunk, then {@code data: [DONE]}. */
public final class ChunkStream implements StreamingOutput {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final List<ChatCompletionChunk> chunks;

    public ChunkStream(List<ChatCompletionChunk> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        ObjectMapper mapper = Json.mapper();
        for (ChatCompletionChunk chunk : chunks) {
            out.write(DATA);
            out.write(mapper.writeValueAsBytes(chunk)); // JSON escapes newlines, so one data line per event
            out.write(END_OF_EVENT);
            out.flush();
        }
        out.write(DONE);
        out.flush();
    }
}
