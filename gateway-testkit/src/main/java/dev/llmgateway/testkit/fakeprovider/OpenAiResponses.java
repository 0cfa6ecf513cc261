package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/** Builds the {@code chat.completion} object, its chunk stream and the model list. */
final class OpenAiResponses {
  static final String SYSTEM_FINGERPRINT = "fp_fakeprov1";
  private static final Map<String, Long> MODELS =
      Map.of("gpt-4o-mini", 1_721_172_741L, "gpt-4o", 1_715_367_049L);

  private OpenAiResponses() {}

  static ObjectNode completion(String id, long created, GenerationCall call, Completion completion) {
    ObjectNode body = header(id, "chat.completion", created, call);
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.putObject("message")
        .put("role", "assistant")
        .put("content", completion.text())
        .putNull("refusal")
        .putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(completion));
    body.set("usage", usage(call, completion));
    body.put("service_tier", "default");
    body.put("system_fingerprint", SYSTEM_FINGERPRINT);
    return body;
  }

  /**
   * A role chunk, one content chunk per token, a chunk with the finish reason, then, only with
   * {@code include_usage}, a chunk with empty choices and the usage; then {@code [DONE]}.
   */
  static void stream(SseWriter sse, String id, long created, GenerationCall call,
      Completion completion, PieceGate gate) throws IOException {
    ObjectNode roleDelta = Json.object().put("role", "assistant").put("content", "");
    roleDelta.putNull("refusal");
    sse.data(Json.write(chunk(id, created, call, roleDelta, null)));
    for (int i = 0; i < completion.pieces().size(); i++) {
      String piece = completion.pieces().get(i);
      Gates.await(gate, i);
      ObjectNode contentDelta = Json.object().put("content", piece);
      sse.data(Json.write(chunk(id, created, call, contentDelta, null)));
    }
    sse.data(Json.write(chunk(id, created, call, Json.object(), finishReason(completion))));
    if (call.includeUsage()) {
      ObjectNode usageChunk = chunkHeader(id, created, call);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage(call, completion));
      sse.data(Json.write(usageChunk));
    }
    sse.data("[DONE]");
  }

  static ObjectNode firstChunk(String id, long created, GenerationCall call) {
    return chunk(id, created, call, Json.object().put("role", "assistant").put("content", ""),
        null);
  }

  static ObjectNode modelList() {
    ObjectNode list = Json.object().put("object", "list");
    ArrayNode data = list.putArray("data");
    MODELS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(model ->
        data.addObject()
            .put("id", model.getKey())
            .put("object", "model")
            .put("created", model.getValue())
            .put("owned_by", "system"));
    return list;
  }

  private static ObjectNode chunk(String id, long created, GenerationCall call, ObjectNode delta,
      String finishReason) {
    ObjectNode chunk = chunkHeader(id, created, call);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (call.includeUsage()) {
      // With include_usage every chunk carries "usage": null except the last one.
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode chunkHeader(String id, long created, GenerationCall call) {
    return header(id, "chat.completion.chunk", created, call)
        .put("service_tier", "default")
        .put("system_fingerprint", SYSTEM_FINGERPRINT);
  }

  private static ObjectNode header(String id, String object, long created, GenerationCall call) {
    return Json.object()
        .put("id", id)
        .put("object", object)
        .put("created", created)
        .put("model", call.model());
  }

  private static ObjectNode usage(GenerationCall call, Completion completion) {
    ObjectNode usage = Json.object()
        .put("prompt_tokens", call.inputTokens())
        .put("completion_tokens", completion.outputTokens())
        .put("total_tokens", call.inputTokens() + completion.outputTokens());
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
    usage.putObject("completion_tokens_details")
        .put("reasoning_tokens", 0)
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return usage;
  }

  private static String finishReason(Completion completion) {
    return completion.truncated() ? "length" : "stop";
  }
}
