package dev.llmgateway.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** GCRA in this process only: the fallback while Redis is unreachable. Thread-safe. */
public final class LocalRateLimiter {
    private final Clock clock;
    private final ConcurrentMap<String, Long> tats = new ConcurrentHashMap<>();

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
    }

    public RateDecision acquire(String key, int perMinute) {
        long now = clock.millis();
        long[] wait = {0};
        tats.compute(key, (k, tat) -> {
            long outcome = Gcra.acquire(tat == null ? now : tat, now, perMinute);
            if (outcome < 0) {
                wait[0] = -outcome;
                return tat;
            }
            return outcome;
        });
        return wait[0] == 0 ? RateDecision.ALLOW : RateDecision.retryAfter(Duration.ofMillis(wait[0]));
    }
}
