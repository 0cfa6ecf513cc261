package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static dev.llmgateway.testkit.fakeprovider.ProviderClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicMessagesTest {
  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);

  @Test
  void answersWithTheMessageObjectAndPredictableUsage() {
    HttpResponse<String> response = client.anthropic("""
        {"model": "claude-test", "max_tokens": 100, "system": "You are terse",
         "messages": [
           {"role": "user", "content": "first question"},
           {"role": "assistant", "content": [{"type": "text", "text": "first answer"}]},
           {"role": "user", "content": [{"type": "text", "text": "say hello world"}]}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(
        id -> assertThat(id).startsWith("req_"));
    JsonNode message = json(response.body());
    assertThat(message.get("id").asText()).startsWith("msg_");
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.get("role").asText()).isEqualTo("assistant");
    assertThat(message.get("model").asText()).isEqualTo("claude-test");
    assertThat(message.get("content")).hasSize(1);
    assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
    assertThat(message.at("/content/0/text").asText()).isEqualTo("Echo: say hello world");
    assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.get("stop_sequence").isNull()).isTrue();
    assertThat(message.at("/usage/input_tokens").asInt())
        .isEqualTo(TokenCounter.count("You are terse", "first question", "first answer",
            "say hello world"))
        .isEqualTo(10);
    assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void truncatesToMaxTokensAndSaysSo() {
    fake.setDefault(Behavior.reply("one two three four five"));

    JsonNode message = json(client.anthropic("""
        {"model": "claude-test", "max_tokens": 3,
         "messages": [{"role": "user", "content": "count"}]}""").body());

    assertThat(message.at("/content/0/text").asText()).isEqualTo("one two three");
    assertThat(message.get("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void acceptsSystemAsTextBlocks() {
    JsonNode message = json(client.anthropic("""
        {"model": "claude-test", "max_tokens": 10, "temperature": 0.5,
         "system": [{"type": "text", "text": "be brief"}, {"type": "text", "text": "be kind"}],
         "messages": [{"role": "user", "content": "hi"}]}""").body());

    assertThat(message.at("/usage/input_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void rejectsMissingAnthropicVersionHeader() {
    HttpResponse<String> response =
        client.send(client.anthropicRequestWithout("anthropic-version", validBody()).build());

    assertAnthropicError(response, 400, "invalid_request_error",
        "anthropic-version: header is required");
  }

  @Test
  void rejectsMissingApiKey() {
    HttpResponse<String> response =
        client.send(client.anthropicRequestWithout("x-api-key", validBody()).build());

    assertAnthropicError(response, 401, "authentication_error", "x-api-key header is required");
  }

  @Test
  void rejectsWrongApiKey() {
    HttpResponse<String> response =
        client.send(client.anthropicRequest(validBody()).setHeader("x-api-key", "nope").build());

    assertAnthropicError(response, 401, "authentication_error", "invalid x-api-key");
  }

  @Test
  void rejectsNonJsonContentType() {
    HttpResponse<String> response = client.send(
        client.anthropicRequest(validBody()).setHeader("content-type", "text/plain").build());

    assertThat(response.statusCode()).isEqualTo(400);
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        arguments("""
            {"max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}""",
            "model: Field required"),
        arguments("""
            {"model": "m", "messages": [{"role": "user", "content": "hi"}]}""",
            "max_tokens: Field required"),
        arguments("""
            {"model": "m", "max_tokens": 0, "messages": [{"role": "user", "content": "hi"}]}""",
            "max_tokens: Input should be greater than or equal to 1"),
        arguments("""
            {"model": "m", "max_tokens": 5}""",
            "messages: Field required"),
        arguments("""
            {"model": "m", "max_tokens": 5, "messages": []}""",
            "messages: at least one message is required"),
        arguments("""
            {"model": "m", "max_tokens": 5, "messages": [{"role": "system", "content": "hi"}]}""",
            "messages.0.role: Input should be 'user' or 'assistant'"),
        arguments("""
            {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": ""}]}""",
            "messages.0: all messages must have non-empty content except for the optional final"
                + " assistant message"),
        arguments("""
            {"model": "m", "max_tokens": 5, "stream_options": {"include_usage": true},
             "messages": [{"role": "user", "content": "hi"}]}""",
            "stream_options: Extra inputs are not permitted"),
        arguments("""
            {"model": "m", "max_tokens": 5, "temperature": 1.5,
             "messages": [{"role": "user", "content": "hi"}]}""",
            "temperature: Input should be less than or equal to 1"));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void rejectsInvalidBodiesWithTheApiMessage(String body, String message) {
    assertAnthropicError(client.anthropic(body), 400, "invalid_request_error", message);
  }

  @Test
  void invalidRequestsDoNotConsumeQueuedBehaviours() {
    fake.enqueue(Behavior.status(500));

    client.anthropic("{}");

    assertThat(client.anthropic(validBody()).statusCode()).isEqualTo(500);
  }

  static String validBody() {
    return """
        {"model": "claude-test", "max_tokens": 50,
         "messages": [{"role": "user", "content": "hello"}]}""";
  }

  static void assertAnthropicError(
      HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = json(response.body());
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo(type);
    assertThat(body.at("/error/message").asText()).isEqualTo(message);
    assertThat(body.get("request_id").asText()).startsWith("req_");
  }
}
