package dev.llmgateway.worker.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.worker.provider.HttpJson;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import dev.llmgateway.worker.provider.SseHandler;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Chat Completions' chunk stream: {@code choices[0].delta.content} pieces, the finish reason, a
 * last chunk with the usage ({@code stream_options.include_usage}), then {@code [DONE]}. A chunk
 * with an {@code error} fails the call. A compatible server that sends no usage is counted as 0
 * input tokens and one output token per content chunk, the closest the stream itself tells.
 */
final class OpenAiStream implements SseHandler {
    private static final String DONE = "[DONE]";

    private final Consumer<String> deltas;
    private final StringBuilder text = new StringBuilder();
    private long contentChunks;
    private TokenUsage usage;
    private String finishReason;
    private boolean done;

    OpenAiStream(Consumer<String> deltas) {
        this.deltas = deltas;
    }

    @Override
    public void event(String name, String data) {
        if (DONE.equals(data.trim())) {
            done = true;
            return;
        }
        JsonNode chunk = parse(data);
        if (chunk.hasNonNull("error")) {
            String type = HttpJson.text(chunk.path("error"), "type");
            throw new ProviderException("error in stream (" + (type == null ? "unknown" : type) + ")", 0, true, null);
        }
        JsonNode choice = chunk.path("choices").path(0);
        String piece = HttpJson.text(choice.path("delta"), "content");
        if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            contentChunks++;
            deltas.accept(piece);
        }
        String finish = HttpJson.text(choice, "finish_reason");
        finishReason = finish != null ? finish : finishReason;
        JsonNode reported = chunk.path("usage");
        if (reported.isObject()) {
            usage = new TokenUsage(HttpJson.tokenCount(reported, "prompt_tokens"),
                    HttpJson.tokenCount(reported, "completion_tokens"));
        }
    }

    @Override
    public ProviderResponse finish() {
        if (!done) {
            throw ProviderException.malformed("event stream ended before [DONE]");
        }
        return new ProviderResponse(text.toString(), finishReason == null ? "stop" : finishReason,
                usage != null ? usage : new TokenUsage(0, contentChunks));
    }

    private static JsonNode parse(String data) {
        try {
            return Json.mapper().readTree(data);
        } catch (IOException e) {
            throw ProviderException.malformed("chunk is not JSON");
        }
    }
}
