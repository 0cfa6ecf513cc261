package dev.llmgateway.testkit.fakeprovider;

import java.util.List;

/**
 * A validated generation request, whichever vendor's format it came in.
 *
 * @param system the Anthropic {@code system} prompt as plain text, null when absent
 * @param maxTokens the output limit, null when the request sets none
 * @param includeUsage OpenAI's {@code stream_options.include_usage}
 */
record GenerationCall(
    String model,
    String system,
    List<ChatMessage> messages,
    Integer maxTokens,
    boolean stream,
    boolean includeUsage) {

  /** One message with its text blocks or content parts. */
  record ChatMessage(String role, List<String> texts) {
    String text() {
      return String.join("\n", texts);
    }
  }

  String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).text();
      }
    }
    return "";
  }

  int inputTokens() {
    int tokens = TokenCounter.count(system);
    for (ChatMessage message : messages) {
      tokens += TokenCounter.count(message.texts().toArray(String[]::new));
    }
    return tokens;
  }
}
