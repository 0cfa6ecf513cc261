package dev.llmgateway.worker.kafka;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The offsets of one partition that are being worked on. The committable offset is the lowest
 * one still pending, so an offset is committed only after every earlier job of the partition has
 * finished: a crash redelivers, it never skips. Thread-safe: jobs finish on any thread.
 */
final class PartitionOffsets {
    private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
    private final AtomicLong nextToRead = new AtomicLong(-1);
    private long committed = -1;

    void started(long offset) {
        pending.add(offset);
        nextToRead.accumulateAndGet(offset + 1, Math::max);
    }

    void finished(long offset) {
        pending.remove(offset);
    }

    int inFlight() {
        return pending.size();
    }

    /** The offset to commit now, or -1 when nothing new has become committable. Poll thread only. */
    long takeCommittable() {
        long next = nextToRead.get();
        if (next < 0) {
            return -1;
        }
        // One read: a job may finish on another thread between an isEmpty() and a first().
        Long lowestPending = pending.ceiling(Long.MIN_VALUE);
        long committable = lowestPending == null ? next : lowestPending;
        if (committable <= committed) {
            return -1;
        }
        committed = committable;
        return committable;
    }
}
