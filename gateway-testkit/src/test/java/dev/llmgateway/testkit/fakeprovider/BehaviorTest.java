package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.AnthropicMessagesTest.assertAnthropicError;
import static dev.llmgateway.testkit.fakeprovider.OpenAiChatCompletionsTest.assertOpenAiError;
import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static dev.llmgateway.testkit.fakeprovider.ProviderClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BehaviorTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);

  @Test
  void rateLimitedAnswers429WithRetryAfterInEachVendorsShape() {
    fake.enqueue(Behavior.rateLimited(7), Behavior.rateLimited(3));

    HttpResponse<String> anthropic = client.anthropic(anthropicBody());
    HttpResponse<String> openAi = client.openAi(openAiBody());

    assertAnthropicError(anthropic, 429, "rate_limit_error",
        json(anthropic.body()).at("/error/message").asText());
    assertThat(anthropic.headers().firstValue("retry-after")).hasValue("7");
    assertOpenAiError(openAi, 429, "requests", null, "rate_limit_exceeded");
    assertThat(openAi.headers().firstValue("retry-after")).hasValue("3");
  }

  @Test
  void statusAnswersWithTheVendorsErrorForIt() {
    fake.enqueue(Behavior.status(500), Behavior.status(529), Behavior.status(500));

    HttpResponse<String> anthropic500 = client.anthropic(anthropicBody());
    HttpResponse<String> anthropic529 = client.anthropic(anthropicBody());
    HttpResponse<String> openAi500 = client.openAi(openAiBody());

    assertAnthropicError(anthropic500, 500, "api_error", "Internal server error");
    assertAnthropicError(anthropic529, 529, "overloaded_error", "Overloaded");
    assertOpenAiError(openAi500, 500, "server_error", null, null);
  }

  @Test
  void malformedBodyAnswers200WithInvalidJson() {
    fake.enqueue(Behavior.malformedBody(), Behavior.malformedBody());

    HttpResponse<String> anthropic = client.anthropic(anthropicBody());
    HttpResponse<String> openAi = client.openAi(openAiBody());

    assertThat(List.of(anthropic, openAi)).allSatisfy(response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isNotBlank();
      assertThatThrownBy(() -> new ObjectMapper().readTree(response.body()))
          .isInstanceOf(IOException.class);
    });
  }

  @Test
  void malformedBodyBreaksTheFirstEventOfAStream() {
    fake.enqueue(Behavior.malformedBody());

    List<SseEvent> events = client.stream(client.anthropicRequest("""
        {"model": "claude-test", "max_tokens": 10, "stream": true,
         "messages": [{"role": "user", "content": "hi"}]}""").build());

    assertThat(events).hasSize(1);
    assertThatThrownBy(() -> new ObjectMapper().readTree(events.get(0).data()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void latencyDelaysTheAnswerByAtLeastTheConfiguredTime() {
    Duration latency = Duration.ofMillis(300);
    fake.enqueue(Behavior.latency(latency));

    long start = System.nanoTime();
    HttpResponse<String> response = client.anthropic(anthropicBody());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsed).isGreaterThanOrEqualTo(latency);
  }

  @Test
  void queuedBehavioursAreUsedOnceInOrderThenTheDefault() {
    fake.setDefault(Behavior.reply("fixed answer"));
    fake.enqueue(Behavior.status(503), Behavior.rateLimited(1));

    assertThat(client.openAi(openAiBody()).statusCode()).isEqualTo(503);
    assertThat(client.openAi(openAiBody()).statusCode()).isEqualTo(429);
    HttpResponse<String> third = client.openAi(openAiBody());
    assertThat(json(third.body()).at("/choices/0/message/content").asText())
        .isEqualTo("fixed answer");
  }

  @Test
  void resetRestoresTheEchoAndEmptiesTheQueue() {
    fake.setDefault(Behavior.status(500));
    fake.enqueue(Behavior.status(400));

    fake.reset();

    HttpResponse<String> response = client.anthropic(anthropicBody());
    assertThat(json(response.body()).at("/content/0/text").asText()).isEqualTo("Echo: hello");
  }

  @Test
  void hangHoldsTheRequestUntilReleased() throws Exception {
    Hang hang = Behavior.hang();
    fake.enqueue(hang);
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(client.anthropicRequest(anthropicBody()).build());
    fake.awaitRequests(1, WAIT);
    assertThat(response).isNotDone();

    hang.release();

    assertThat(response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void hangOutlastsTheClientsTimeout() {
    Hang hang = Behavior.hang();
    fake.enqueue(hang);

    assertThatThrownBy(() -> client.send(client.openAiRequest(openAiBody())
        .timeout(Duration.ofMillis(200)).build()))
        .hasRootCauseInstanceOf(HttpTimeoutException.class);
    hang.release();
    assertThat(client.openAi(openAiBody()).statusCode()).isEqualTo(200);
  }

  @Test
  void hangMidBodySendsTheHeadersAndHoldsTheBodyUntilReleased() throws Exception {
    Hang hang = Behavior.hangMidBody();
    fake.enqueue(hang);
    CompletableFuture<HttpResponse<InputStream>> response = client.sendAsyncStreaming(
        client.anthropicRequest(anthropicBody()).timeout(Duration.ofMillis(500)).build());

    HttpResponse<InputStream> headers = response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(headers.statusCode()).isEqualTo(200);
    CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = headers.body()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    fake.awaitRequests(1, WAIT);
    assertThat(body).as("the rest of the body is held").isNotDone();

    hang.release();

    assertThat(new String(body.get(WAIT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\": ");
  }

  @Test
  void hangIsDroppedByReset() {
    fake.enqueue(Behavior.hang());
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(client.anthropicRequest(anthropicBody()).build());
    fake.awaitRequests(1, WAIT);

    fake.reset();

    assertThatThrownBy(() -> response.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void hangIsDroppedByClose() {
    FakeProvider closing = FakeProvider.start(KEY);
    ProviderClient closingClient = new ProviderClient(closing);
    closing.setDefault(Behavior.hang());
    CompletableFuture<HttpResponse<String>> response =
        closingClient.sendAsync(closingClient.openAiRequest(openAiBody()).build());
    closing.awaitRequests(1, WAIT);

    closing.close();

    assertThatThrownBy(() -> response.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void rawAnswerSendsExactlyTheBodyItWasGiven() {
    fake.enqueue(Behavior.rawAnswer("{\"usage\": -1}"));

    HttpResponse<String> response = client.anthropic(anthropicBody());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"usage\": -1}");
  }

  @Test
  void closeConnectionDropsTheConnectionWithoutAResponse() {
    fake.enqueue(Behavior.closeConnection());

    assertThatThrownBy(() -> client.anthropic(anthropicBody()))
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(client.anthropic(anthropicBody()).statusCode()).isEqualTo(200);
  }

  @Test
  void byPromptChoosesTheBehaviourFromTheLastUserMessage() {
    fake.setDefault(Behavior.byPrompt(prompt -> switch (prompt) {
      case "fail" -> Behavior.status(503);
      case "hello" -> Behavior.reply("scripted");
      default -> null;
    }));

    HttpResponse<String> scripted = client.openAi(openAiBody());
    HttpResponse<String> failed = client.openAi(openAiBody().replace("hello", "fail"));
    HttpResponse<String> unscripted = client.openAi(openAiBody().replace("hello", "other"));

    assertThat(json(scripted.body()).at("/choices/0/message/content").asText()).isEqualTo("scripted");
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(json(unscripted.body()).at("/choices/0/message/content").asText())
        .isEqualTo("Echo: other");
  }

  @Test
  void rejectsNonsenseKnobsWithTheOffendingValue() {
    assertThatThrownBy(() -> Behavior.status(200)).hasMessageContaining("200");
    assertThatThrownBy(() -> Behavior.rateLimited(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> Behavior.latency(Duration.ofMillis(-5))).hasMessageContaining("-");
  }

  private static String anthropicBody() {
    return """
        {"model": "claude-test", "max_tokens": 50,
         "messages": [{"role": "user", "content": "hello"}]}""";
  }

  private static String openAiBody() {
    return """
        {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}""";
  }
}
