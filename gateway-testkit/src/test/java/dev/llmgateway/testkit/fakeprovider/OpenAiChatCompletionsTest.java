package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static dev.llmgateway.testkit.fakeprovider.ProviderClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiChatCompletionsTest {
  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);

  @Test
  void answersWithTheChatCompletionObjectAndPredictableUsage() {
    HttpResponse<String> response = client.openAi("""
        {"model": "gpt-4o-mini", "max_tokens": 100, "temperature": 0.2, "user": "u-1",
         "messages": [
           {"role": "system", "content": "You are terse"},
           {"role": "user", "content": "first question"},
           {"role": "assistant", "content": "first answer"},
           {"role": "user", "content": [{"type": "text", "text": "say hello world"}]}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
    JsonNode completion = json(response.body());
    assertThat(completion.get("id").asText()).startsWith("chatcmpl-");
    assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
    assertThat(completion.get("created").isIntegralNumber()).isTrue();
    assertThat(completion.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(completion.get("choices")).hasSize(1);
    JsonNode choice = completion.at("/choices/0");
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
    assertThat(choice.at("/message/content").asText()).isEqualTo("Echo: say hello world");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(completion.at("/usage/prompt_tokens").asInt()).isEqualTo(10);
    assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(4);
    assertThat(completion.at("/usage/total_tokens").asInt()).isEqualTo(14);
  }

  @Test
  void truncatesToMaxCompletionTokensWithFinishReasonLength() {
    fake.setDefault(Behavior.reply("one two three four five"));

    JsonNode completion = json(client.openAi("""
        {"model": "gpt-4o-mini", "max_completion_tokens": 2,
         "messages": [{"role": "user", "content": "count"}]}""").body());

    assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("one two");
    assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void rejectsWrongApiKeyWithInvalidApiKeyCode() {
    HttpResponse<String> response = client.send(client.openAiRequest(validBody())
        .setHeader("authorization", "Bearer sk-wrong-key-987654").build());

    assertOpenAiError(response, 401, "invalid_request_error", null, "invalid_api_key");
    assertThat(json(response.body()).at("/error/message").asText())
        .startsWith("Incorrect API key provided: ")
        .doesNotContain("sk-wrong-key-987654");
  }

  @Test
  void rejectsMissingApiKey() {
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofString(validBody()))
            .build());

    assertOpenAiError(response, 401, "invalid_request_error", null, null);
    assertThat(json(response.body()).at("/error/message").asText())
        .startsWith("You didn't provide an API key.");
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        arguments("""
            {"messages": [{"role": "user", "content": "hi"}]}""",
            null, null),
        arguments("""
            {"model": "gpt-4o-mini"}""",
            "messages", "missing_required_parameter"),
        arguments("""
            {"model": "gpt-4o-mini", "messages": []}""",
            "messages", "empty_array"),
        arguments("""
            {"model": "gpt-4o-mini", "messages": [{"role": "robot", "content": "hi"}]}""",
            "messages[0].role", "invalid_value"),
        arguments("""
            {"model": "gpt-4o-mini", "messages": [{"role": "user"}]}""",
            "messages[0].content", "missing_required_parameter"),
        arguments("""
            {"model": "gpt-4o-mini", "max_tokens": 0,
             "messages": [{"role": "user", "content": "hi"}]}""",
            "max_tokens", "integer_below_min_value"),
        arguments("""
            {"model": "gpt-4o-mini", "temperature": 3,
             "messages": [{"role": "user", "content": "hi"}]}""",
            "temperature", "decimal_above_max_value"),
        arguments("""
            {"model": "gpt-4o-mini", "stream_options": {"include_usage": true},
             "messages": [{"role": "user", "content": "hi"}]}""",
            "stream_options", null),
        arguments("""
            {"model": "gpt-4o-mini", "max_token": 5,
             "messages": [{"role": "user", "content": "hi"}]}""",
            null, null));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void rejectsInvalidBodiesWithTheApiErrorShape(String body, String param, String code) {
    assertOpenAiError(client.openAi(body), 400, "invalid_request_error", param, code);
  }

  @Test
  void listsModels() {
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/models"))
            .header("authorization", "Bearer " + KEY)
            .build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = json(response.body());
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("data")).isNotEmpty().allSatisfy(model -> {
      assertThat(model.get("object").asText()).isEqualTo("model");
      assertThat(model.get("id").asText()).isNotBlank();
      assertThat(model.get("created").isIntegralNumber()).isTrue();
      assertThat(model.get("owned_by").asText()).isNotBlank();
    });
  }

  @Test
  void answersUnknownPathsWith404() {
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/completions"))
            .header("authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(validBody()))
            .build());

    assertOpenAiError(response, 404, "invalid_request_error", null, null);
  }

  static String validBody() {
    return """
        {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}""";
  }

  static void assertOpenAiError(
      HttpResponse<String> response, int status, String type, String param, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("type").asText()).isEqualTo(type);
    assertThat(error.get("param").isNull() ? null : error.get("param").asText()).isEqualTo(param);
    assertThat(error.get("code").isNull() ? null : error.get("code").asText()).isEqualTo(code);
  }
}
