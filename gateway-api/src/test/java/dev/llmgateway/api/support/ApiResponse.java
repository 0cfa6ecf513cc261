package dev.llmgateway.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** An HTTP answer as a test reads it: status, headers, raw body and the body as JSON (null if not JSON). */
public record ApiResponse(int status, HttpHeaders headers, String body, JsonNode json) {
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String errorType() {
        return json == null ? null : json.path("error").path("type").asText(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
