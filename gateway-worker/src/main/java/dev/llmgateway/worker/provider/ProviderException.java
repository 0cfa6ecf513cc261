package dev.llmgateway.worker.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed provider call. The message is ours (status, kind), never the provider's body, so it may
 * reach a caller. {@code retryable} says whether the same provider may be tried again.
 */
public class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean retryable;
    private final transient Duration retryAfter;

    public ProviderException(String message, int status, boolean retryable, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static ProviderException httpStatus(int status, Duration retryAfter) {
        boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
        return new ProviderException("HTTP " + status, status, retryable, retryAfter);
    }

    public static ProviderException timeout() {
        return new ProviderException("timed out", 0, true, null);
    }

    public static ProviderException io(String what) {
        return new ProviderException(what, 0, true, null);
    }

    public static ProviderException malformed(String what) {
        return new ProviderException("malformed response: " + what, 0, true, null);
    }

    /** 0 when no HTTP status was received. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
