package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the fake provider received it.
 *
 * @param path the request path without the query, e.g. {@code /v1/messages}
 * @param query the raw query string, null when there is none
 * @param headers case-insensitive, unmodifiable
 * @param json the parsed body, a {@link MissingNode} when the body is empty or not JSON
 * @param receivedAt when the request's headers arrived
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    JsonNode json,
    Instant receivedAt) {

  /** The first value of the header {@code name} in any case, or null when absent. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static RecordedRequest read(HttpExchange http) throws IOException {
    Instant receivedAt = Instant.now();
    String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = http.getRequestURI();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    http.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    return new RecordedRequest(
        http.getRequestMethod(),
        uri.getPath(),
        uri.getRawQuery(),
        Collections.unmodifiableMap(headers),
        body,
        Json.parseOrMissing(body),
        receivedAt);
  }
}
