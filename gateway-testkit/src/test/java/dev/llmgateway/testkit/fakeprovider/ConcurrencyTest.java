package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrencyTest {
  private static final String BODY = """
      {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}""";

  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);

  @Test
  void handlesConcurrentSlowRequestsInParallel() {
    Duration latency = Duration.ofMillis(200);
    int requests = 100;
    fake.setDefault(Behavior.latency(latency));

    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> responses = sendConcurrently(requests);
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    assertThat(fake.requestCount()).isEqualTo(requests);
    assertThat(elapsed).isLessThan(latency.multipliedBy(requests).dividedBy(10));
  }

  @Test
  void holds300ConnectionsOpenAtOnceAndKeepsThemAlive() throws IOException {
    int connections = 300;
    Hang hang = Behavior.hang();
    fake.setDefault(hang);

    List<CompletableFuture<HttpResponse<String>>> responses = sendConcurrently(connections);
    fake.awaitRequests(connections, Duration.ofSeconds(20));
    hang.release();

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    // 300 pooled connections are idle now; one more must still be kept alive.
    assertServesThreeRequestsOverOneConnection();
  }

  @Test
  void servesSeveralRequestsOverOneKeepAliveConnection() throws IOException {
    assertServesThreeRequestsOverOneConnection();
  }

  private void assertServesThreeRequestsOverOneConnection() throws IOException {
    int before = fake.requestCount();
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

      for (int i = 0; i < 3; i++) {
        out.write(request().getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("chat.completion");
      }
    }
    assertThat(fake.requestCount()).isEqualTo(before + 3);
  }

  private List<CompletableFuture<HttpResponse<String>>> sendConcurrently(int requests) {
    return IntStream.range(0, requests)
        .mapToObj(i -> client.sendAsync(client.openAiRequest(BODY).build()))
        .collect(Collectors.toList());
  }

  private String request() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    return "POST /v1/chat/completions HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + fake.port() + "\r\n"
        + "Authorization: Bearer " + KEY + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "\r\n"
        + BODY;
  }

  /** Status line, headers and a Content-Length body (ASCII, so chars equal bytes). */
  private static String readResponse(BufferedReader in) throws IOException {
    StringBuilder response = new StringBuilder();
    int contentLength = 0;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      response.append(line).append('\n');
      if (line.toLowerCase().startsWith("content-length:")) {
        contentLength = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    char[] body = new char[contentLength];
    int read = 0;
    while (read < contentLength) {
      read += in.read(body, read, contentLength - read);
    }
    return response.append(body).toString();
  }

  private static String readLine(BufferedReader in) throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new AssertionError("the server closed the keep-alive connection");
    }
    return line;
  }
}
