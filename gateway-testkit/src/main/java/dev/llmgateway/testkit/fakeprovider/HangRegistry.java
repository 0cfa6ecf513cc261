package dev.llmgateway.testkit.fakeprovider;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hangs given to a provider, tracked from the moment they are queued or set as default, so
 * that reset and close abort them even if a request has taken one but not yet started waiting.
 */
final class HangRegistry {
  private final Set<Abortable> hangs = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  void track(Behavior behavior) {
    behavior.collectHangs(hangs::add);
    if (closed) {
      abortAll();
    }
  }

  void abortAll() {
    hangs.removeIf(hang -> {
      hang.abort();
      return true;
    });
  }

  void close() {
    closed = true;
    abortAll();
  }
}
