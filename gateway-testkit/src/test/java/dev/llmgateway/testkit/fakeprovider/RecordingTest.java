package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordingTest {
  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);

  @Test
  void recordsMethodPathHeadersAndBody() {
    String body = """
        {"model": "claude-test", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}""";

    client.anthropic(body);

    assertThat(fake.requestCount()).isEqualTo(1);
    RecordedRequest request = fake.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.query()).isNull();
    assertThat(request.header("X-API-KEY")).isEqualTo(KEY);
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.headers()).containsKey("Content-Type");
    assertThat(request.body()).isEqualTo(body);
    assertThat(request.json().at("/messages/0/content").asText()).isEqualTo("hi");
  }

  @Test
  void recordsRejectedAndUnparseableRequestsToo() {
    client.send(HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/chat/completions?x=1"))
        .POST(HttpRequest.BodyPublishers.ofString("not json"))
        .build());

    RecordedRequest request = fake.awaitRequests(1, Duration.ofSeconds(5)).get(0);
    assertThat(request.query()).isEqualTo("x=1");
    assertThat(request.header("authorization")).isNull();
    assertThat(request.body()).isEqualTo("not json");
    assertThat(request.json().isMissingNode()).isTrue();
  }

  @Test
  void keepsArrivalOrderAndClearsOnReset() {
    client.openAi("{\"model\": \"first\"}");
    client.openAi("{\"model\": \"second\"}");

    List<RecordedRequest> requests = fake.awaitRequests(2, Duration.ofSeconds(5));
    assertThat(requests).extracting(r -> r.json().get("model").asText())
        .containsExactly("first", "second");

    fake.reset();
    assertThat(fake.requests()).isEmpty();
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void awaitingMoreRequestsThanArriveFailsAtTheDeadline() {
    assertThatThrownBy(() -> fake.awaitRequests(1, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 1 requests")
        .hasMessageContaining("got 0");
  }

  @Test
  void recordedHeadersCannotBeModified() {
    client.openAi("{}");

    RecordedRequest request = fake.requests().get(0);
    assertThatThrownBy(() -> request.headers().put("x", List.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
