package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiErrors {
  static final String REQUEST_ID_HEADER = "x-request-id";
  private static final String INVALID_REQUEST = "invalid_request_error";
  private static final String KEYS_PAGE = "https://platform.openai.com/account/api-keys";

  private OpenAiErrors() {}

  static ApiError invalidRequest(String message, String param, String code) {
    return error(400, message, INVALID_REQUEST, param, code, Map.of());
  }

  static ApiError missingKey() {
    return error(401,
        "You didn't provide an API key. You need to provide your API key in an Authorization"
            + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an"
            + " API key from " + KEYS_PAGE + ".",
        INVALID_REQUEST, null, null, Map.of());
  }

  static ApiError incorrectKey(String key) {
    return error(401,
        "Incorrect API key provided: " + masked(key) + ". You can find your API key at "
            + KEYS_PAGE + ".",
        INVALID_REQUEST, null, "invalid_api_key", Map.of());
  }

  static ApiError invalidUrl(String method, String path) {
    return error(404, "Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, null,
        Map.of());
  }

  static ApiError forStatus(int status, String model) {
    return switch (status) {
      case 400 -> invalidRequest("Invalid request", null, null);
      case 401 -> incorrectKey("sk-unknown");
      case 403 -> error(status, "You are not allowed to sample from this model", INVALID_REQUEST,
          null, null, Map.of());
      case 404 -> error(status,
          "The model `" + model + "` does not exist or you do not have access to it.",
          INVALID_REQUEST, null, "model_not_found", Map.of());
      case 429 -> rateLimited(0, model);
      case 503 -> error(status, "The server is overloaded or not ready yet.", "server_error",
          null, null, Map.of());
      default -> status < 500
          ? error(status, "Invalid request", INVALID_REQUEST, null, null, Map.of())
          : error(status,
              "The server had an error while processing your request. Sorry about that!",
              "server_error", null, null, Map.of());
    };
  }

  static ApiError rateLimited(int retryAfterSeconds, String model) {
    return error(429,
        "Rate limit reached for " + model + " in organization org-fakeprovider on requests per"
            + " min (RPM): Limit 3, Used 3, Requested 1. Please try again in "
            + retryAfterSeconds + "s. Visit https://platform.openai.com/account/rate-limits to"
            + " learn more.",
        "requests", null, "rate_limit_exceeded",
        Map.of(
            "retry-after", Integer.toString(retryAfterSeconds),
            "x-ratelimit-limit-requests", "3",
            "x-ratelimit-remaining-requests", "0",
            "x-ratelimit-reset-requests", retryAfterSeconds + "s"));
  }

  private static ApiError error(int status, String message, String type, String param,
      String code, Map<String, String> headers) {
    ObjectNode body = Json.object();
    body.putObject("error")
        .put("message", message)
        .put("type", type)
        .put("param", param)
        .put("code", code);
    Map<String, String> allHeaders = new HashMap<>(headers);
    allHeaders.put(REQUEST_ID_HEADER, Ids.openAiRequest());
    return new ApiError(status, body, Map.copyOf(allHeaders));
  }

  private static String masked(String key) {
    if (key.length() <= 8) {
      return "*".repeat(key.length());
    }
    return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
  }
}
