package dev.llmgateway.testkit.fakeprovider;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The hangs requests are waiting on, so that reset and close can let go of them. */
final class HangRegistry {
  private final Set<Hang> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  void register(Hang hang) {
    waiting.add(hang);
    if (closed) {
      hang.abort();
    }
  }

  void abortAll() {
    waiting.removeIf(hang -> {
      hang.abort();
      return true;
    });
  }

  void close() {
    closed = true;
    abortAll();
  }
}
