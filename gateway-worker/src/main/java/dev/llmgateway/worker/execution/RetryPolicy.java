package dev.llmgateway.worker.execution;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of
 * {@code min(max, initial * 2^n)}; a provider's {@code Retry-After} replaces the computed wait.
 * {@code defaultBudget} is the deadline of a job that names none.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration defaultBudget) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(defaultBudget, "defaultBudget");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must be >= 0, got initial " + initialBackoff + " and max "
                    + maxBackoff);
        }
        if (defaultBudget.isNegative() || defaultBudget.isZero()) {
            throw new IllegalArgumentException("defaultBudget must be > 0, got " + defaultBudget);
        }
    }

    public Duration backoff(int retryNumber) {
        long cap = maxBackoff.toMillis();
        long initial = initialBackoff.toMillis();
        int doublings = Math.max(0, Math.min(retryNumber, 62));
        // initial * 2^n, compared before shifting so a large initial or n cannot overflow
        long full = initial > (cap >> doublings) ? cap : initial << doublings;
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }
}
