package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static dev.llmgateway.testkit.fakeprovider.ProviderClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
  private static final String REPLY = "The quick brown fox jumps over the lazy dog";

  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);

  @Test
  void anthropicStreamsTheRealEventSequenceWithTheSameContentAsUnstreamed() {
    fake.setDefault(Behavior.reply(REPLY));
    JsonNode unstreamed = json(client.anthropic(anthropicBody(100, false)).body());

    List<SseEvent> events = client.stream(client.anthropicRequest(anthropicBody(100, true)).build());

    assertThat(events).extracting(SseEvent::event).containsExactly(
        "message_start", "content_block_start", "ping",
        "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_delta", "content_block_delta", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop");
    assertThat(events).allSatisfy(
        event -> assertThat(event.json().get("type").asText()).isEqualTo(event.event()));
    JsonNode start = events.get(0).json().get("message");
    assertThat(start.get("id").asText()).startsWith("msg_");
    assertThat(start.get("content")).isEmpty();
    assertThat(start.get("stop_reason").isNull()).isTrue();
    assertThat(start.at("/usage/input_tokens").asInt())
        .isEqualTo(unstreamed.at("/usage/input_tokens").asInt());
    assertThat(events.get(1).json().at("/content_block/type").asText()).isEqualTo("text");
    assertThat(anthropicText(events)).isEqualTo(unstreamed.at("/content/0/text").asText())
        .isEqualTo(REPLY);
    JsonNode messageDelta = events.get(events.size() - 2).json();
    assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(messageDelta.at("/usage/output_tokens").asInt())
        .isEqualTo(unstreamed.at("/usage/output_tokens").asInt())
        .isEqualTo(9);
  }

  @Test
  void anthropicStreamStopsAtMaxTokens() {
    fake.setDefault(Behavior.reply(REPLY));

    List<SseEvent> events = client.stream(client.anthropicRequest(anthropicBody(4, true)).build());

    assertThat(anthropicText(events)).isEqualTo("The quick brown fox");
    JsonNode messageDelta = events.get(events.size() - 2).json();
    assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void openAiStreamsChunksWithoutUsageUnlessAsked() {
    fake.setDefault(Behavior.reply(REPLY));
    JsonNode unstreamed = json(client.openAi(openAiBody(false, "")).body());

    List<SseEvent> events = client.stream(client.openAiRequest(openAiBody(true, "")).build());

    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    List<JsonNode> chunks = chunks(events);
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("choices")).hasSize(1);
      assertThat(chunk.has("usage")).isFalse();
    });
    assertThat(chunks).extracting(chunk -> chunk.get("id").asText()).containsOnly(
        chunks.get(0).get("id").asText());
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(openAiText(chunks))
        .isEqualTo(unstreamed.at("/choices/0/message/content").asText())
        .isEqualTo(REPLY);
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.at("/choices/0/delta")).isEmpty();
  }

  @Test
  void openAiStreamEndsWithAUsageChunkWhenIncludeUsageIsSet() {
    fake.setDefault(Behavior.reply(REPLY));

    List<SseEvent> events = client.stream(client.openAiRequest(
        openAiBody(true, ", \"stream_options\": {\"include_usage\": true}")).build());

    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    List<JsonNode> chunks = chunks(events);
    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(9);
    assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(11);
    List<JsonNode> contentChunks = chunks.subList(0, chunks.size() - 1);
    assertThat(contentChunks).allSatisfy(chunk -> {
      assertThat(chunk.get("choices")).hasSize(1);
      assertThat(chunk.get("usage").isNull()).isTrue();
    });
    assertThat(openAiText(contentChunks)).isEqualTo(REPLY);
  }

  private static List<JsonNode> chunks(List<SseEvent> events) {
    return events.subList(0, events.size() - 1).stream()
        .map(SseEvent::json)
        .collect(Collectors.toList());
  }

  private static String anthropicText(List<SseEvent> events) {
    return events.stream()
        .filter(event -> event.event().equals("content_block_delta"))
        .map(event -> event.json().at("/delta/text").asText())
        .collect(Collectors.joining());
  }

  private static String openAiText(List<JsonNode> chunks) {
    return chunks.stream()
        .map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
        .collect(Collectors.joining());
  }

  private static String anthropicBody(int maxTokens, boolean stream) {
    return """
        {"model": "claude-test", "max_tokens": %d, "stream": %b,
         "messages": [{"role": "user", "content": "tell me"}]}""".formatted(maxTokens, stream);
  }

  private static String openAiBody(boolean stream, String extra) {
    return """
        {"model": "gpt-4o-mini", "stream": %b%s,
         "messages": [{"role": "user", "content": "tell me"}]}""".formatted(stream, extra);
  }
}
