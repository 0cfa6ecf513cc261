package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events, flushing each so the client sees it at once. */
final class SseWriter implements AutoCloseable {
  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = out;
  }

  /** An Anthropic-style event: a name line, then the data line. */
  void event(String name, JsonNode data) throws IOException {
    write("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
  }

  /** An OpenAI-style event: a data line only. */
  void data(String data) throws IOException {
    write("data: " + data + "\n\n");
  }

  void raw(String text) throws IOException {
    write(text);
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
