package dev.llmgateway.worker.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.worker.provider.HttpJson;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderClient;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Anthropic's Messages API: {@code POST {base_url}/v1/messages}, system prompt at top level. */
public final class AnthropicClient implements ProviderClient {
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String API_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 1024;
    static final double MAX_TEMPERATURE = 1.0;

    private final HttpJson http;

    public AnthropicClient(HttpJson http) {
        this.http = http;
    }

    @Override
    public CompletableFuture<ProviderResponse> generate(ProviderCall call) {
        return http.post(request(call, body(call))).thenApply(AnthropicClient::response);
    }

    @Override
    public CompletableFuture<ProviderResponse> stream(ProviderCall call, Consumer<String> deltas) {
        ObjectNode body = body(call).put("stream", true);
        return http.stream(request(call, body), new AnthropicStream(deltas), call.timeout());
    }

    private static HttpRequest request(ProviderCall call, ObjectNode body) {
        String base = call.provider().baseUrl() == null ? DEFAULT_BASE_URL : call.provider().baseUrl();
        return HttpRequest.newBuilder(URI.create(stripSlash(base) + "/v1/messages"))
                .timeout(call.timeout())
                .header("content-type", "application/json")
                .header("x-api-key", call.apiKey() == null ? "" : call.apiKey())
                .header("anthropic-version", API_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
    }

    static ObjectNode body(ProviderCall call) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", call.model());
        body.put("max_tokens", call.maxTokens() == null ? DEFAULT_MAX_TOKENS : call.maxTokens());
        if (call.system() != null) {
            body.put("system", call.system());
        }
        if (call.temperature() != null) {
            // the gateway accepts OpenAI's 0..2; Anthropic rejects anything above 1 with a 400
            body.put("temperature", Math.min(call.temperature(), MAX_TEMPERATURE));
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : call.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        return body;
    }

    static ProviderResponse response(JsonNode body) {
        JsonNode content = body.path("content");
        JsonNode usage = body.path("usage");
        if (!content.isArray() || !usage.isObject()) {
            throw ProviderException.malformed("no content or usage in Anthropic message");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(HttpJson.text(block, "type"))) {
                text.append(block.path("text").asText());
            }
        }
        return new ProviderResponse(text.toString(), finishReason(HttpJson.text(body, "stop_reason")),
                new TokenUsage(HttpJson.tokenCount(usage, "input_tokens"), HttpJson.tokenCount(usage, "output_tokens")));
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
