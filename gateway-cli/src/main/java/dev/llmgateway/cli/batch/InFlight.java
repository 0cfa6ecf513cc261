package dev.llmgateway.cli.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The jobs sent and not yet answered, at most {@code limit} of them: the sender takes a permit
 * before it registers a job, whoever settles the job ({@link #take}) releases it once the result is
 * written, so "every permit free" means "nothing outstanding and nothing half-written".
 * A result settles a job only through {@code map.remove}, so of two results for one job (a
 * redelivered job, a send failure racing a reply) exactly one wins. Thread-safe.
 */
final class InFlight {
    /** A job sent: the id its line has in the output, and its line number. */
    record Pending(String lineId, int lineNumber) {
    }

    private final int limit;
    private final Semaphore permits;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    InFlight(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be >= 1, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** Waits up to {@code timeoutMs} for room for one more job. */
    boolean tryAcquire(long timeoutMs) throws InterruptedException {
        return permits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Registers a job under its request id; call with a permit, before the job is sent. */
    void register(String requestId, Pending job) {
        if (pending.putIfAbsent(requestId, job) != null) {
            throw new IllegalStateException("request id " + requestId + " is already in flight");
        }
    }

    /** Settles the job: null if it is not (or no longer) outstanding. Call {@link #release} after writing it. */
    Pending take(String requestId) {
        return pending.remove(requestId);
    }

    void release() {
        permits.release();
    }

    /** Waits up to {@code timeoutMs} until nothing is outstanding. */
    boolean awaitEmpty(long timeoutMs) throws InterruptedException {
        if (permits.tryAcquire(limit, timeoutMs, TimeUnit.MILLISECONDS)) {
            permits.release(limit);
            return true;
        }
        return false;
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Settles every outstanding job at once (when giving up on them); release one permit for each. */
    List<Map.Entry<String, Pending>> takeAll() {
        List<Map.Entry<String, Pending>> taken = new ArrayList<>();
        for (String requestId : List.copyOf(pending.keySet())) {
            Pending job = pending.remove(requestId);
            if (job != null) {
                taken.add(Map.entry(requestId, job));
            }
        }
        return taken;
    }
}
