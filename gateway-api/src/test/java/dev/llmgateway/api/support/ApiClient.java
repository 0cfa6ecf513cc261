package dev.llmgateway.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for one API instance, so tests see exactly what a caller sees. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String defaultKey;

    public ApiClient(String baseUrl, String defaultKey) {
        this.baseUrl = baseUrl;
        this.defaultKey = defaultKey;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ApiResponse post(String path, Object body) {
        return send(path, "POST", body instanceof String s ? s : Json.write(body), Map.of("Authorization", "Bearer " + defaultKey));
    }

    public ApiResponse get(String path) {
        return send(path, "GET", null, Map.of("Authorization", "Bearer " + defaultKey));
    }

    public ApiResponse send(String path, String method, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : Json.mapper().readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
