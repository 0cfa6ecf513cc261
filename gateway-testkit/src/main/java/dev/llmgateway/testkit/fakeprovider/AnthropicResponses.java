package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Builds the Messages API's {@code message} object and its streaming event sequence. */
final class AnthropicResponses {

  private AnthropicResponses() {}

  static ObjectNode message(String id, GenerationCall call, Completion completion) {
    ObjectNode message = skeleton(id, call);
    message.putArray("content").addObject().put("type", "text").put("text", completion.text());
    message.put("stop_reason", stopReason(completion));
    message.putNull("stop_sequence");
    message.set("usage", usage(call.inputTokens(), completion.outputTokens()));
    return message;
  }

  /**
   * message_start, content_block_start, ping, one text_delta per token, content_block_stop,
   * message_delta (stop reason, cumulative output tokens), message_stop.
   */
  static void stream(SseWriter sse, String id, GenerationCall call, Completion completion,
      PieceGate gate) throws IOException {
    sse.event("message_start", messageStart(id, call, completion));
    ObjectNode blockStart = event("content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    sse.event("content_block_start", blockStart);
    sse.event("ping", event("ping"));
    for (int i = 0; i < completion.pieces().size(); i++) {
      String piece = completion.pieces().get(i);
      Gates.await(gate, i);
      ObjectNode delta = event("content_block_delta").put("index", 0);
      delta.putObject("delta").put("type", "text_delta").put("text", piece);
      sse.event("content_block_delta", delta);
    }
    sse.event("content_block_stop", event("content_block_stop").put("index", 0));
    ObjectNode messageDelta = event("message_delta");
    messageDelta.putObject("delta").put("stop_reason", stopReason(completion))
        .putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", completion.outputTokens());
    sse.event("message_delta", messageDelta);
    sse.event("message_stop", event("message_stop"));
  }

  static ObjectNode messageStart(String id, GenerationCall call, Completion completion) {
    ObjectNode message = skeleton(id, call);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // Like the real API, the opening count is provisional; message_delta carries the total.
    message.set("usage", usage(call.inputTokens(), Math.min(1, completion.outputTokens())));
    ObjectNode start = event("message_start");
    start.set("message", message);
    return start;
  }

  private static ObjectNode skeleton(String id, GenerationCall call) {
    return Json.object()
        .put("id", id)
        .put("type", "message")
        .put("role", "assistant")
        .put("model", call.model());
  }

  private static ObjectNode usage(int inputTokens, int outputTokens) {
    return Json.object()
        .put("input_tokens", inputTokens)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", outputTokens);
  }

  private static ObjectNode event(String type) {
    return Json.object().put("type", type);
  }

  private static String stopReason(Completion completion) {
    return completion.truncated() ? "max_tokens" : "end_turn";
  }
}
