package dev.llmgateway.testkit.fakeprovider;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A behaviour that holds each request open, sending nothing, until it is settled: {@link
 * #release()} lets every held (and later) request be answered normally; the provider's reset or
 * close drops their connections instead. Settling happens once; the first of the two wins.
 */
public final class Hang extends Behavior {
  private final CountDownLatch settled = new CountDownLatch(1);
  private volatile boolean released;

  Hang() {}

  /** Lets the held requests, and any that come later, be answered normally (echo). */
  public void release() {
    settle(true);
  }

  void abort() {
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
    exchange.hangs().register(this);
    settled.await();
    if (released) {
      exchange.answer(null);
    } else {
      exchange.abort();
    }
  }

  @Override
  public String toString() {
    return "hang";
  }
}
