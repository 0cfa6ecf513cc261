package dev.llmgateway.testkit.fakeprovider;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake provider's tokenizer: one token per whitespace-separated word, so tests can predict
 * usage exactly.
 *
 * <p>Input tokens are the words of the system prompt plus the words of every message's text
 * (text blocks or content parts counted one by one); output tokens are the words of the reply
 * actually sent, after any {@code max_tokens} truncation.
 */
public final class TokenCounter {
  private static final Pattern WORD_WITH_LEADING_SPACE = Pattern.compile("\\s*\\S+");

  private TokenCounter() {}

  /** Number of whitespace-separated words in {@code text}; 0 for null or blank text. */
  public static int count(String text) {
    return text == null ? 0 : words(text).size();
  }

  /** Sum of {@link #count(String)} over all the texts. */
  public static int count(String... texts) {
    int total = 0;
    for (String text : texts) {
      total += count(text);
    }
    return total;
  }

  /**
   * Splits {@code text} into one piece per token, each word with the whitespace before it, so
   * that joining the pieces gives back the text; trailing whitespace rides on the last piece.
   */
  static List<String> pieces(String text) {
    List<String> pieces = words(text);
    int covered = String.join("", pieces).length();
    String rest = text.substring(covered);
    if (!rest.isEmpty()) {
      if (pieces.isEmpty()) {
        pieces.add(rest);
      } else {
        pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + rest);
      }
    }
    return pieces;
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD_WITH_LEADING_SPACE.matcher(text);
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }
}
