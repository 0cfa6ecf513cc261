package dev.llmgateway.testkit.fakeprovider;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Streams its reply one piece (token) at a time, but only as far as the test allows: the start
 * of the stream and the first {@code initiallyAllowed} pieces at once, each further piece once
 * {@link #allow} or {@link #release} permits it, so a test can observe a client while the
 * provider is provably not finished. {@link #cut()} (or a reset or close of the provider) ends
 * the stream where it stands, without its closing events, as a provider failing mid-stream
 * would. A request that does not stream is answered at once. Shared by every request it answers.
 */
public final class HeldStream extends Behavior implements Abortable {
  private static final int UNLIMITED = Integer.MAX_VALUE / 2;

  private final String text;
  private final Semaphore permits;
  private volatile boolean cut;

  HeldStream(String text, int initiallyAllowed) {
    if (initiallyAllowed < 0) {
      throw new IllegalArgumentException(
          "initiallyAllowed must be >= 0 but was " + initiallyAllowed);
    }
    this.text = text;
    this.permits = new Semaphore(initiallyAllowed);
  }

  /** Lets {@code pieces} more pieces go out. */
  public void allow(int pieces) {
    if (pieces < 1) {
      throw new IllegalArgumentException("pieces must be >= 1 but was " + pieces);
    }
    permits.release(pieces);
  }

  /** Lets the rest of every held stream go out, to its normal end. */
  public void release() {
    permits.release(UNLIMITED);
  }

  /** Ends every held stream before its next piece, without the closing events. */
  public void cut() {
    cut = true;
    permits.release(UNLIMITED);
  }

  @Override
  public void abort() {
    cut();
  }

  @Override
  void respond(ProviderExchange exchange) throws IOException {
    exchange.answer(text, index -> {
      permits.acquire();
      if (cut) {
        throw new PieceGate.StreamCut(index);
      }
    });
  }

  @Override
  void collectHangs(Consumer<Abortable> hangs) {
    hangs.accept(this);
  }

  @Override
  public String toString() {
    return "heldStream(" + text + ")";
  }
}
