package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testkit.fakeprovider.GenerationCall.ChatMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Validates a Messages API body the way the real API does: required fields, types, ranges and
 * no unknown fields, with its {@code "path: problem"} messages. Only text content is supported.
 */
final class AnthropicRequestParser {
  private static final Set<String> FIELDS = Set.of(
      "model", "max_tokens", "messages", "system", "temperature", "stream", "stop_sequences",
      "top_p", "top_k", "metadata", "tools", "tool_choice", "thinking", "service_tier");
  private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");
  private static final Set<String> TEXT_BLOCK_FIELDS =
      Set.of("type", "text", "cache_control", "citations");

  private AnthropicRequestParser() {}

  static GenerationCall parse(JsonNode body) {
    if (!body.isObject()) {
      throw invalid("Request body must be a JSON object");
    }
    rejectExtraFields(body, FIELDS, "");
    String model = requiredString(body, "model");
    int maxTokens = maxTokens(body);
    List<ChatMessage> messages = messages(body);
    String system = system(body.get("system"));
    checkTemperature(body.get("temperature"));
    boolean stream = optionalBoolean(body, "stream");
    return new GenerationCall(model, system, messages, maxTokens, stream, false);
  }

  private static String requiredString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      throw invalid(field + ": Field required");
    }
    if (!value.isTextual()) {
      throw invalid(field + ": Input should be a valid string");
    }
    return value.asText();
  }

  private static int maxTokens(JsonNode body) {
    JsonNode value = body.get("max_tokens");
    if (value == null) {
      throw invalid("max_tokens: Field required");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw invalid("max_tokens: Input should be a valid integer");
    }
    if (value.asInt() < 1) {
      throw invalid("max_tokens: Input should be greater than or equal to 1");
    }
    return value.asInt();
  }

  private static List<ChatMessage> messages(JsonNode body) {
    JsonNode value = body.get("messages");
    if (value == null) {
      throw invalid("messages: Field required");
    }
    if (!value.isArray()) {
      throw invalid("messages: Input should be a valid list");
    }
    if (value.isEmpty()) {
      throw invalid("messages: at least one message is required");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      messages.add(message(value.get(i), "messages." + i, i == value.size() - 1));
    }
    return messages;
  }

  private static ChatMessage message(JsonNode message, String path, boolean last) {
    if (!message.isObject()) {
      throw invalid(path + ": Input should be a valid dictionary");
    }
    rejectExtraFields(message, MESSAGE_FIELDS, path + ".");
    JsonNode role = message.get("role");
    if (role == null) {
      throw invalid(path + ".role: Field required");
    }
    String roleName = role.isTextual() ? role.asText() : "";
    if (!roleName.equals("user") && !roleName.equals("assistant")) {
      throw invalid(path + ".role: Input should be 'user' or 'assistant'");
    }
    JsonNode content = message.get("content");
    if (content == null) {
      throw invalid(path + ".content: Field required");
    }
    List<String> texts = texts(content, path + ".content");
    boolean finalAssistant = last && roleName.equals("assistant");
    if (!finalAssistant && String.join("", texts).isEmpty()) {
      throw invalid(path
          + ": all messages must have non-empty content except for the optional final assistant"
          + " message");
    }
    return new ChatMessage(roleName, texts);
  }

  private static String system(JsonNode system) {
    if (system == null || system.isNull()) {
      return null;
    }
    return String.join("\n", texts(system, "system"));
  }

  /** A string, or a list of text blocks; other block types are not supported by the fake. */
  private static List<String> texts(JsonNode content, String path) {
    if (content.isTextual()) {
      return List.of(content.asText());
    }
    if (!content.isArray()) {
      throw invalid(path + ": Input should be a valid string or a valid list");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      texts.add(textBlock(content.get(i), path + "." + i));
    }
    return texts;
  }

  private static String textBlock(JsonNode block, String path) {
    if (!block.isObject()) {
      throw invalid(path + ": Input should be a valid dictionary");
    }
    if (!"text".equals(block.path("type").asText())) {
      throw invalid(path + ".type: FakeProvider supports only 'text' content blocks, got "
          + block.get("type"));
    }
    rejectExtraFields(block, TEXT_BLOCK_FIELDS, path + ".");
    JsonNode text = block.get("text");
    if (text == null) {
      throw invalid(path + ".text: Field required");
    }
    if (!text.isTextual()) {
      throw invalid(path + ".text: Input should be a valid string");
    }
    return text.asText();
  }

  private static void checkTemperature(JsonNode temperature) {
    if (temperature == null || temperature.isNull()) {
      return;
    }
    if (!temperature.isNumber()) {
      throw invalid("temperature: Input should be a valid number");
    }
    if (temperature.asDouble() < 0) {
      throw invalid("temperature: Input should be greater than or equal to 0");
    }
    if (temperature.asDouble() > 1) {
      throw invalid("temperature: Input should be less than or equal to 1");
    }
  }

  private static boolean optionalBoolean(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw invalid(field + ": Input should be a valid boolean");
    }
    return value.asBoolean();
  }

  private static void rejectExtraFields(JsonNode object, Set<String> allowed, String prefix) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid(prefix + name + ": Extra inputs are not permitted");
      }
    }
  }

  private static ApiException invalid(String message) {
    return new ApiException(AnthropicErrors.invalidRequest(message));
  }
}
