package dev.llmgateway.testkit.fakeprovider;

import java.io.IOException;

/** Decides when each content piece of a streamed answer may go out. */
interface PieceGate {
  PieceGate OPEN = index -> {};

  /**
   * Returns when piece {@code index} (from 0) may be sent; throws {@link StreamCut} to end the
   * stream there, before its closing events.
   */
  void beforePiece(int index) throws IOException, InterruptedException;

  /** Ends a stream early: the response body finishes without the format's closing events. */
  final class StreamCut extends IOException {
    private static final long serialVersionUID = 1L;

    StreamCut(int index) {
      super("stream cut before piece " + index);
    }
  }
}
