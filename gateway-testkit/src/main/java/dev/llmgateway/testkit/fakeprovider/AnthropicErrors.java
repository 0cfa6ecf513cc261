package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** Anthropic's error shape: {@code {"type":"error","error":{"type","message"},"request_id"}}. */
final class AnthropicErrors {
  static final String REQUEST_ID_HEADER = "request-id";

  private AnthropicErrors() {}

  static ApiError invalidRequest(String message) {
    return error(400, "invalid_request_error", message, Map.of());
  }

  static ApiError authentication(String message) {
    return error(401, "authentication_error", message, Map.of());
  }

  static ApiError forStatus(int status) {
    return switch (status) {
      case 400 -> invalidRequest("Invalid request");
      case 401 -> authentication("invalid x-api-key");
      case 402 -> error(status, "billing_error", "Your credit balance is too low", Map.of());
      case 403 -> error(status, "permission_error",
          "Your API key does not have permission to use the specified resource.", Map.of());
      case 404 -> error(status, "not_found_error", "Not found", Map.of());
      case 413 -> error(status, "request_too_large",
          "Request exceeds the maximum allowed number of bytes.", Map.of());
      case 429 -> rateLimited(0);
      case 504 -> error(status, "timeout_error", "Request timed out", Map.of());
      case 529 -> error(status, "overloaded_error", "Overloaded", Map.of());
      default -> status < 500
          ? error(status, "invalid_request_error", "Invalid request", Map.of())
          : error(status, "api_error", "Internal server error", Map.of());
    };
  }

  static ApiError rateLimited(int retryAfterSeconds) {
    Instant reset = Instant.now().plusSeconds(retryAfterSeconds).truncatedTo(ChronoUnit.SECONDS);
    return error(429, "rate_limit_error",
        "This request would exceed the rate limit for your organization of 50 requests per"
            + " minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can"
            + " see the response headers for current usage.",
        Map.of(
            "retry-after", Integer.toString(retryAfterSeconds),
            "anthropic-ratelimit-requests-limit", "50",
            "anthropic-ratelimit-requests-remaining", "0",
            "anthropic-ratelimit-requests-reset", reset.toString()));
  }

  private static ApiError error(
      int status, String type, String message, Map<String, String> headers) {
    String requestId = Ids.anthropicRequest();
    ObjectNode body = Json.object().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    body.put("request_id", requestId);
    Map<String, String> allHeaders = new HashMap<>(headers);
    allHeaders.put(REQUEST_ID_HEADER, requestId);
    return new ApiError(status, body, Map.copyOf(allHeaders));
  }
}
