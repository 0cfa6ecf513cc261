package dev.llmgateway.testkit.fakeprovider;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A behaviour that holds each request open, sending nothing, until it is settled: {@link
 * #release()} lets every held (and later) request be answered normally; reset or close of a
 * provider it was given to drops their connections instead. Settling happens once and the first
 * wins, so a hang aborted by a reset stays aborted: make a new one for the next test.
 */
public final class Hang extends Behavior implements Abortable {
  private final CountDownLatch settled = new CountDownLatch(1);
  private final boolean midBody;
  private volatile boolean released;

  Hang(boolean midBody) {
    this.midBody = midBody;
  }

  /** Lets the held requests, and any that come later, be answered normally (echo). */
  public void release() {
    settle(true);
  }

  @Override
  public void abort() {
    settle(false);
  }

  private synchronized void settle(boolean release) {
    if (settled.getCount() > 0) {
      released = release;
      settled.countDown();
    }
  }

  @Override
  void respond(ProviderExchange exchange) throws IOException, InterruptedException {
    if (midBody) {
      exchange.startBody();
      settled.await();
      exchange.endBody();
      return;
    }
    settled.await();
    if (released) {
      exchange.answer(null);
    } else {
      exchange.abort();
    }
  }

  @Override
  void collectHangs(Consumer<Abortable> hangs) {
    hangs.accept(this);
  }

  @Override
  public String toString() {
    return midBody ? "hangMidBody" : "hang";
  }
}
