package dev.llmgateway.testkit.fakeprovider;

import java.util.List;

/** The reply actually sent: cut to {@code max_tokens} words when it is longer. */
record Completion(List<String> pieces, int outputTokens, boolean truncated) {

  static Completion of(String reply, Integer maxTokens) {
    List<String> pieces = TokenCounter.pieces(reply);
    int words = TokenCounter.count(reply);
    if (maxTokens == null || words <= maxTokens) {
      return new Completion(List.copyOf(pieces), words, false);
    }
    return new Completion(List.copyOf(pieces.subList(0, maxTokens)), maxTokens, true);
  }

  String text() {
    return String.join("", pieces);
  }
}
