package dev.llmgateway.worker.provider.anthropic;

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
 * The Messages API's event stream: {@code message_start} (input tokens), {@code content_block_delta}
 * (text), {@code message_delta} (stop reason, output tokens so far), {@code message_stop}; an
 * {@code error} event fails the call.
 */
final class AnthropicStream implements SseHandler {
    private final Consumer<String> deltas;
    private final StringBuilder text = new StringBuilder();
    private long inputTokens;
    private long outputTokens;
    private String stopReason;
    private boolean stopped;

    AnthropicStream(Consumer<String> deltas) {
        this.deltas = deltas;
    }

    @Override
    public void event(String name, String data) {
        JsonNode event = parse(data);
        String type = name != null ? name : HttpJson.text(event, "type");
        switch (type == null ? "" : type) {
            case "message_start" -> {
                JsonNode usage = event.path("message").path("usage");
                inputTokens = HttpJson.tokenCount(usage, "input_tokens");
                outputTokens = HttpJson.tokenCount(usage, "output_tokens");
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                if ("text_delta".equals(HttpJson.text(delta, "type"))) {
                    String piece = delta.path("text").asText("");
                    if (!piece.isEmpty()) {
                        text.append(piece);
                        deltas.accept(piece);
                    }
                }
            }
            case "message_delta" -> {
                String reason = HttpJson.text(event.path("delta"), "stop_reason");
                stopReason = reason != null ? reason : stopReason;
                if (event.path("usage").has("output_tokens")) {
                    outputTokens = HttpJson.tokenCount(event.path("usage"), "output_tokens");
                }
            }
            case "message_stop" -> stopped = true;
            case "error" -> throw streamError(event.path("error"));
            default -> {
                // ping, content_block_start/stop and event types added later carry no text
            }
        }
    }

    @Override
    public ProviderResponse finish() {
        if (!stopped) {
            throw ProviderException.malformed("event stream ended before message_stop");
        }
        return new ProviderResponse(text.toString(), AnthropicClient.finishReason(stopReason),
                new TokenUsage(inputTokens, outputTokens));
    }

    private static ProviderException streamError(JsonNode error) {
        String type = HttpJson.text(error, "type");
        boolean retryable = "overloaded_error".equals(type) || "api_error".equals(type)
                || "rate_limit_error".equals(type);
        return new ProviderException("error event in stream (" + (type == null ? "unknown" : type) + ")", 0,
                retryable, null);
    }

    private static JsonNode parse(String data) {
        try {
            return Json.mapper().readTree(data);
        } catch (IOException e) {
            throw ProviderException.malformed("event data is not JSON");
        }
    }
}
