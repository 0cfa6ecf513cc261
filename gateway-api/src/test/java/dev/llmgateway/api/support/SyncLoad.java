package dev.llmgateway.api.support;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Sustained synchronous load: {@code threads} callers each sending the next request as soon as the
 * last one is answered, every answer recorded with its timing. A request that gets no HTTP answer
 * at all (connection refused or reset, client timeout) is recorded with status 0.
 */
public final class SyncLoad implements AutoCloseable {

    /** One request: what was sent, when it was sent and answered ({@link System#nanoTime()}), and how. */
    public record Outcome(Object request, long sentNanos, long answeredNanos, int status, String errorType,
            String body) {
        public long latencyMs() {
            return (answeredNanos - sentNanos) / 1_000_000;
        }

        public boolean sentAfter(long nanos) {
            return sentNanos - nanos >= 0;
        }

        public boolean answeredBefore(long nanos) {
            return nanos - answeredNanos > 0;
        }
    }

    private final ApiClient api;
    private final String path;
    private final LongFunction<Object> body;
    private final List<Thread> callers = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean running = true;

    private SyncLoad(ApiClient api, String path, LongFunction<Object> body) {
        this.api = api;
        this.path = path;
        this.body = body;
    }

    /** Starts posting {@code body.apply(n)} (n = 0, 1, 2, ... across all callers) to {@code path}. */
    public static SyncLoad start(ApiClient api, String path, int threads, LongFunction<Object> body) {
        SyncLoad load = new SyncLoad(api, path, body);
        for (int i = 0; i < threads; i++) {
            Thread caller = new Thread(load::call, "sync-load-" + i);
            caller.setDaemon(true);
            load.callers.add(caller);
            caller.start();
        }
        return load;
    }

    private void call() {
        while (running) {
            Object request = body.apply(sequence.getAndIncrement());
            long sent = System.nanoTime();
            Outcome outcome;
            try {
                ApiResponse response = api.post(path, request);
                outcome = new Outcome(request, sent, System.nanoTime(), response.status(), response.errorType(),
                        response.body());
            } catch (UncheckedIOException | IllegalStateException e) {
                outcome = new Outcome(request, sent, System.nanoTime(), 0, "no_answer", e.toString());
            }
            synchronized (outcomes) {
                outcomes.add(outcome);
            }
        }
    }

    /** Every request answered so far, in the order answered. */
    public List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** Requests sent at or after {@code nanos} and answered so far. */
    public List<Outcome> sentAfter(long nanos) {
        return outcomes().stream().filter(o -> o.sentAfter(nanos)).toList();
    }

    /** How many of the requests sent at or after {@code nanos} were answered with {@code status}. */
    public long countSince(long nanos, int status) {
        return sentAfter(nanos).stream().filter(o -> o.status() == status).count();
    }

    /** Stops sending and waits for the requests under way to be answered. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread caller : callers) {
            caller.join(120_000);
        }
    }
}
