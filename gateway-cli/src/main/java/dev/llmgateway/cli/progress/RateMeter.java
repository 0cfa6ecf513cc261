package dev.llmgateway.cli.progress;

import java.util.ArrayDeque;

/** A rate over a sliding window of samples of a growing count. Thread-safe. */
final class RateMeter {
    private final long windowNanos;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    synchronized void record(long nanos, long count) {
        samples.addLast(new long[] {nanos, count});
        // keep the newest sample at or before the window's start, as the rate's base
        while (samples.size() > 2 && second()[0] <= nanos - windowNanos) {
            samples.removeFirst();
        }
    }

    /** Per second over the window, or 0 before two samples. */
    synchronized double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long elapsed = last[0] - first[0];
        return elapsed <= 0 ? 0 : (last[1] - first[1]) * 1e9 / elapsed;
    }

    private long[] second() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
