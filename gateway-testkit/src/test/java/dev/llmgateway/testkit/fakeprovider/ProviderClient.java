package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** A plain java.net.http client speaking to a {@link FakeProvider} the way vendor SDKs do. */
final class ProviderClient {
  static final String KEY = "sk-test-key-0123456789";
  static final String ANTHROPIC_VERSION = "2023-06-01";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeProvider fake;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  ProviderClient(FakeProvider fake) {
    this.fake = fake;
  }

  HttpRequest.Builder anthropicRequest(String body) {
    return anthropicRequestWithout("none", body);
  }

  /** A valid Anthropic request, except that the header {@code omitted} is left out. */
  HttpRequest.Builder anthropicRequestWithout(String omitted, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/messages"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    Map.of("x-api-key", KEY, "anthropic-version", ANTHROPIC_VERSION,
            "content-type", "application/json")
        .forEach((name, value) -> {
          if (!name.equals(omitted)) {
            request.header(name, value);
          }
        });
    return request;
  }

  HttpRequest.Builder openAiRequest(String body) {
    return HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(10))
        .header("authorization", "Bearer " + KEY)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> anthropic(String body) {
    return send(anthropicRequest(body).build());
  }

  HttpResponse<String> openAi(String body) {
    return send(openAiRequest(body).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<InputStream>> sendAsyncStreaming(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Sends and reads the event stream one event at a time, as the body arrives. */
  List<SseEvent> stream(HttpRequest request) {
    try {
      HttpResponse<Stream<String>> response =
          http.send(request, HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() != 200) {
        throw new AssertionError("expected 200 but got " + response.statusCode());
      }
      if (!response.headers().firstValue("content-type").orElse("")
          .startsWith("text/event-stream")) {
        throw new AssertionError("not an event stream: " + response.headers().map());
      }
      try (Stream<String> lines = response.body()) {
        return SseEvent.read(lines.iterator());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
