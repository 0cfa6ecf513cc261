package dev.llmgateway.worker.execution;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of
 * {@code min(max, initial * 2^n)}; a provider's {@code Retry-After} replaces the computed wait.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration defaultBudget) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

    public Duration backoff(int retryNumber) {
        long cap = maxBackoff.toMillis();
        long exp = initialBackoff.toMillis() << Math.min(retryNumber, 20);
        long full = Math.min(cap, exp <= 0 ? cap : exp);
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
