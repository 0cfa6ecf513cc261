package dev.llmgateway.stream.sink;

import java.time.Duration;

/** Waits that double from {@code min} up to {@code max}, back to {@code min} after a success. Not thread-safe. */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got min=" + min + " max=" + max);
        }
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration current = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return current;
    }

    void reset() {
        next = min;
    }
}
