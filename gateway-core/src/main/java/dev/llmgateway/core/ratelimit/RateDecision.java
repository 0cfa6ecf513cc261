package dev.llmgateway.core.ratelimit;

import java.time.Duration;

/** Whether a request may go now, and if not, how long until it may. */
public record RateDecision(boolean allowed, Duration retryAfter) {
    public static final RateDecision ALLOW = new RateDecision(true, Duration.ZERO);

    public static RateDecision retryAfter(Duration wait) {
        return new RateDecision(false, wait);
    }

    /** Whole seconds for a {@code Retry-After} header, rounded up so a client never retries too early. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
