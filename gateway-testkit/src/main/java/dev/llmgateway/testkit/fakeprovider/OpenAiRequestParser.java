package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testkit.fakeprovider.GenerationCall.ChatMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Validates a Chat Completions body the way the real API does: required parameters, types,
 * ranges and no unrecognized arguments, with its messages, {@code param} and {@code code}.
 * Only text content is supported.
 */
final class OpenAiRequestParser {
  private static final Set<String> FIELDS = Set.of(
      "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n",
      "stream", "stream_options", "stop", "presence_penalty", "frequency_penalty", "logit_bias",
      "logprobs", "top_logprobs", "user", "seed", "tools", "tool_choice", "parallel_tool_calls",
      "response_format", "service_tier", "store", "metadata", "reasoning_effort", "modalities",
      "audio", "prediction", "web_search_options", "safety_identifier", "prompt_cache_key",
      "verbosity", "functions", "function_call");
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");

  private OpenAiRequestParser() {}

  static GenerationCall parse(JsonNode body) {
    if (!body.isObject()) {
      throw invalid("We could not parse the JSON body of your request. (HINT: This likely means"
          + " you aren't using your HTTP library correctly. The OpenAI API expects a JSON"
          + " payload, but what was sent was not valid JSON.)", null, null);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid("Unrecognized request argument supplied: " + name, null, null);
      }
    }
    String model = model(body.get("model"));
    List<ChatMessage> messages = messages(body.get("messages"));
    Integer maxTokens = maxTokens(body);
    checkTemperature(body.get("temperature"));
    checkType(body.get("user"), "user", JsonNode::isTextual, "a string");
    boolean stream = isTrue(body.get("stream"), "stream");
    boolean includeUsage = includeUsage(body.get("stream_options"), stream);
    return new GenerationCall(model, null, messages, maxTokens, stream, includeUsage);
  }

  private static String model(JsonNode model) {
    if (model == null || model.isNull()) {
      throw invalid("you must provide a model parameter", null, null);
    }
    checkType(model, "model", JsonNode::isTextual, "a string");
    return model.asText();
  }

  private static List<ChatMessage> messages(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw missing("messages");
    }
    checkType(messages, "messages", JsonNode::isArray, "an array of objects");
    if (messages.isEmpty()) {
      throw invalid("Invalid 'messages': empty array. Expected an array with minimum length 1,"
          + " but got an empty array instead.", "messages", "empty_array");
    }
    List<ChatMessage> parsed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      parsed.add(message(messages.get(i), "messages[" + i + "]"));
    }
    return parsed;
  }

  private static ChatMessage message(JsonNode message, String param) {
    checkType(message, param, JsonNode::isObject, "an object");
    JsonNode role = message.get("role");
    if (role == null || role.isNull()) {
      throw missing(param + ".role");
    }
    if (!role.isTextual() || !ROLES.contains(role.asText())) {
      throw invalid("Invalid value: '" + role.asText() + "'. Supported values are: 'system',"
          + " 'assistant', 'user', 'function', 'tool', and 'developer'.", param + ".role",
          "invalid_value");
    }
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      if (!role.asText().equals("assistant")) {
        throw missing(param + ".content");
      }
      return new ChatMessage(role.asText(), List.of());
    }
    return new ChatMessage(role.asText(), texts(content, param + ".content"));
  }

  private static List<String> texts(JsonNode content, String param) {
    if (content.isTextual()) {
      return List.of(content.asText());
    }
    checkType(content, param, JsonNode::isArray, "a string or an array of content parts");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String partParam = param + "[" + i + "]";
      checkType(part, partParam, JsonNode::isObject, "an object");
      if (!"text".equals(part.path("type").asText())) {
        throw invalid("FakeProvider supports only 'text' content parts, got " + part.get("type"),
            partParam + ".type", "invalid_value");
      }
      JsonNode text = part.get("text");
      if (text == null || text.isNull()) {
        throw missing(partParam + ".text");
      }
      checkType(text, partParam + ".text", JsonNode::isTextual, "a string");
      texts.add(text.asText());
    }
    return texts;
  }

  /** {@code max_completion_tokens} supersedes the deprecated {@code max_tokens}. */
  private static Integer maxTokens(JsonNode body) {
    String param = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens"
        : "max_tokens";
    JsonNode value = body.get(param);
    if (value == null || value.isNull()) {
      return null;
    }
    checkType(value, param, v -> v.isIntegralNumber() && v.canConvertToInt(), "an integer");
    if (value.asInt() < 1) {
      throw invalid("Invalid '" + param + "': integer below minimum value. Expected a value >= 1,"
          + " but got " + value.asInt() + " instead.", param, "integer_below_min_value");
    }
    return value.asInt();
  }

  private static void checkTemperature(JsonNode temperature) {
    if (temperature == null || temperature.isNull()) {
      return;
    }
    checkType(temperature, "temperature", JsonNode::isNumber, "a number");
    double value = temperature.asDouble();
    if (value < 0) {
      throw invalid("Invalid 'temperature': decimal below minimum value. Expected a value >= 0,"
          + " but got " + temperature + " instead.", "temperature", "decimal_below_min_value");
    }
    if (value > 2) {
      throw invalid("Invalid 'temperature': decimal above maximum value. Expected a value <= 2,"
          + " but got " + temperature + " instead.", "temperature", "decimal_above_max_value");
    }
  }

  private static boolean includeUsage(JsonNode options, boolean stream) {
    if (options == null || options.isNull()) {
      return false;
    }
    if (!stream) {
      throw invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
          "stream_options", null);
    }
    checkType(options, "stream_options", JsonNode::isObject, "an object");
    return isTrue(options.get("include_usage"), "stream_options.include_usage");
  }

  private static boolean isTrue(JsonNode value, String param) {
    if (value == null || value.isNull()) {
      return false;
    }
    checkType(value, param, JsonNode::isBoolean, "a boolean");
    return value.asBoolean();
  }

  private static void checkType(JsonNode value, String param,
      Predicate<JsonNode> valid, String expected) {
    if (value != null && !value.isNull() && !valid.test(value)) {
      throw invalid("Invalid type for '" + param + "': expected " + expected + ", but got "
          + typeName(value) + " instead.", param, "invalid_type");
    }
  }

  private static String typeName(JsonNode value) {
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isIntegralNumber()) {
      return "an integer";
    }
    if (value.isNumber()) {
      return "a decimal";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return value.isArray() ? "an array" : "an object";
  }

  private static ApiException missing(String param) {
    return invalid("Missing required parameter: '" + param + "'.", param,
        "missing_required_parameter");
  }

  private static ApiException invalid(String message, String param, String code) {
    return new ApiException(OpenAiErrors.invalidRequest(message, param, code));
  }
}
