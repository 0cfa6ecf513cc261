package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** What a {@link Behavior} can do with one validated generation request. */
final class ProviderExchange {
  private final HttpExchange http;
  private final Dialect dialect;
  private final GenerationCall call;

  ProviderExchange(HttpExchange http, Dialect dialect, GenerationCall call) {
    this.http = http;
    this.dialect = dialect;
    this.call = call;
  }

  String lastUserText() {
    return call.lastUserText();
  }

  /** Answers normally with {@code reply}, or with the echo of the last user message if null. */
  void answer(String reply) throws IOException {
    answer(reply, PieceGate.OPEN);
  }

  /** Like {@link #answer(String)}, each content piece of a stream waiting for {@code gate}. */
  void answer(String reply, PieceGate gate) throws IOException {
    dialect.writeCompletion(http, call, completion(reply), gate);
  }

  void fail(int status) throws IOException {
    HttpResponses.error(http, dialect.error(status, call));
  }

  void rateLimit(int retryAfterSeconds) throws IOException {
    HttpResponses.error(http, dialect.rateLimited(retryAfterSeconds, call));
  }

  void malformed() throws IOException {
    dialect.writeMalformed(http, call, completion(null));
  }

  void raw(String json) throws IOException {
    HttpResponses.send(http, 200, HttpResponses.JSON, json, java.util.Map.of());
  }

  /** Sends a 200's headers and the start of a JSON body, chunked, leaving the rest for later. */
  void startBody() throws IOException {
    http.getResponseHeaders().set("content-type", HttpResponses.JSON);
    http.sendResponseHeaders(200, 0);
    http.getResponseBody().write("{\"id\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    http.getResponseBody().flush();
  }

  /** Ends a body begun by {@link #startBody()} where it is. */
  void endBody() throws IOException {
    http.getResponseBody().close();
  }

  /** Drops the connection without a response. */
  void abort() {
    http.close();
  }

  private Completion completion(String reply) {
    return Completion.of(reply != null ? reply : "Echo: " + call.lastUserText(), call.maxTokens());
  }
}
