package dev.llmgateway.worker.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.worker.provider.HttpJson;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderClient;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * OpenAI Chat Completions, for {@code openai} and any OpenAI-compatible {@code custom} server:
 * {@code POST {base_url}/chat/completions}, where base_url includes the version path.
 */
public final class OpenAiClient implements ProviderClient {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final HttpJson http;

    public OpenAiClient(HttpJson http) {
        this.http = http;
    }

    @Override
    public CompletableFuture<ProviderResponse> generate(ProviderCall call) {
        return http.post(request(call, body(call))).thenApply(OpenAiClient::response);
    }

    /** Asks for the usage in a last chunk ({@code stream_options.include_usage}), so the tokens are counted exactly. */
    @Override
    public CompletableFuture<ProviderResponse> stream(ProviderCall call, Consumer<String> deltas) {
        ObjectNode body = body(call).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return http.stream(request(call, body), new OpenAiStream(deltas), call.timeout());
    }

    private static HttpRequest request(ProviderCall call, ObjectNode body) {
        String base = call.provider().baseUrl() == null ? DEFAULT_BASE_URL : call.provider().baseUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(base) + "/chat/completions"))
                .timeout(call.timeout())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (call.apiKey() != null && !call.apiKey().isEmpty()) {
            request.header("authorization", "Bearer " + call.apiKey());
        }
        return request.build();
    }

    static ObjectNode body(ProviderCall call) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", call.model());
        ArrayNode messages = body.putArray("messages");
        if (call.system() != null) {
            messages.addObject().put("role", "system").put("content", call.system());
        }
        for (ChatMessage message : call.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        if (call.maxTokens() != null) {
            // OpenAI's newer models reject max_tokens; compatible servers mostly know only max_tokens.
            body.put(call.provider().type() == ProviderType.OPENAI ? "max_completion_tokens" : "max_tokens",
                    call.maxTokens());
        }
        if (call.temperature() != null) {
            body.put("temperature", call.temperature());
        }
        return body;
    }

    static ProviderResponse response(JsonNode body) {
        JsonNode choice = body.path("choices").path(0);
        JsonNode usage = body.path("usage");
        if (!choice.isObject()) {
            throw ProviderException.malformed("no choices in chat completion");
        }
        String content = HttpJson.text(choice.path("message"), "content");
        String finish = HttpJson.text(choice, "finish_reason");
        return new ProviderResponse(content == null ? "" : content, finish == null ? "stop" : finish,
                new TokenUsage(HttpJson.tokenCount(usage, "prompt_tokens"), HttpJson.tokenCount(usage, "completion_tokens")));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
