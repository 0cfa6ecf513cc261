package dev.llmgateway.testkit.fakeprovider;

import java.io.IOException;
import java.io.InterruptedIOException;

final class Gates {
  private Gates() {}

  /** Waits for {@code gate}; an interrupt (the provider closing) ends the stream like a cut. */
  static void await(PieceGate gate, int index) throws IOException {
    try {
      gate.beforePiece(index);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stream interrupted before piece " + index);
    }
  }
}
