package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

final class HttpResponses {
  static final String JSON = "application/json";
  static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

  private HttpResponses() {}

  static void json(HttpExchange http, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    send(http, status, JSON, Json.write(body), headers);
  }

  static void error(HttpExchange http, ApiError error) throws IOException {
    json(http, error.status(), error.body(), error.headers());
  }

  static void send(
      HttpExchange http, int status, String contentType, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach(http.getResponseHeaders()::set);
    http.getResponseHeaders().set("content-type", contentType);
    http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Starts a 200 event stream; the body goes out chunked, one flush per event. */
  static SseWriter eventStream(HttpExchange http, Map<String, String> headers) throws IOException {
    headers.forEach(http.getResponseHeaders()::set);
    http.getResponseHeaders().set("content-type", EVENT_STREAM);
    http.getResponseHeaders().set("cache-control", "no-cache");
    http.sendResponseHeaders(200, 0);
    return new SseWriter(http.getResponseBody());
  }
}
