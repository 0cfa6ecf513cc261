package dev.llmgateway.testkit.fakeprovider;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers shaped like the vendors' own. */
final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Ids() {}

  static String anthropicMessage() {
    return "msg_01" + random(22);
  }

  static String anthropicRequest() {
    return "req_01" + random(22);
  }

  static String openAiCompletion() {
    return "chatcmpl-" + random(29);
  }

  static String openAiRequest() {
    return "req_" + random(32).toLowerCase();
  }

  private static String random(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
