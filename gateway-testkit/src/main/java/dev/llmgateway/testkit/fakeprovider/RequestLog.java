package dev.llmgateway.testkit.fakeprovider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every request received, in arrival order; safe for concurrent handlers and readers. */
final class RequestLog {
  private final List<RecordedRequest> requests = new ArrayList<>();

  synchronized void add(RecordedRequest request) {
    requests.add(request);
    notifyAll();
  }

  synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(requests);
  }

  synchronized int size() {
    return requests.size();
  }

  synchronized void clear() {
    requests.clear();
  }

  synchronized List<RecordedRequest> await(int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected " + count + " requests within " + timeout + " but got " + requests.size());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return List.copyOf(requests);
  }
}
