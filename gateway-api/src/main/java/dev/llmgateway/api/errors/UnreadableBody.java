package dev.llmgateway.api.errors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Recognises a request body the client broke, among the causes of whatever reading it threw: it
 * ended before its declared length, its chunked framing is invalid, or it is not valid for its
 * {@code Content-Encoding}. Those are the caller's to fix (400), not the server's bugs.
 */
final class UnreadableBody {
    private UnreadableBody() {
    }

    static Optional<ApiException> of(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return Optional.of(api); // e.g. the body limit, thrown from inside a reader
            }
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(unreadable(http.getCode(), "the request body could not be read: "
                        + ErrorTypes.plainOr(http.getReason(), http.getCode())));
            }
            if (cause instanceof EofException) {
                return Optional.of(unreadable(400, "the request body ended before its declared length"));
            }
            if (cause instanceof ZipException || cause instanceof DataFormatException) {
                return Optional.of(unreadable(400, "the request body is not valid for its Content-Encoding"));
            }
        }
        return Optional.empty();
    }

    private static ApiException unreadable(int status, String message) {
        return new ApiException(status, status == 400 ? "invalid_json" : ErrorTypes.type(status), message,
                List.of(), Map.of(), null);
    }
}
