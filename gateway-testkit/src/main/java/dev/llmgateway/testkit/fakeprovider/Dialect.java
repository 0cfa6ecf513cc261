package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One vendor's wire format: how it checks requests and how it answers. */
interface Dialect {

  /** Checks authentication and required headers; throws {@link ApiException} to reject. */
  void checkHeaders(RecordedRequest request);

  /** Validates the body strictly; throws {@link ApiException} to reject. */
  GenerationCall parse(RecordedRequest request);

  /** The vendor's error for an injected HTTP status. */
  ApiError error(int status, GenerationCall call);

  ApiError rateLimited(int retryAfterSeconds, GenerationCall call);

  /** Answers with the completion, streamed when the call asked for it. */
  void writeCompletion(HttpExchange http, GenerationCall call, Completion completion, PieceGate gate)
      throws IOException;

  /** Answers 200 with a body cut off mid-JSON (an event stream's first event, when streaming). */
  void writeMalformed(HttpExchange http, GenerationCall call, Completion completion)
      throws IOException;
}
