package dev.llmgateway.cli.batch;

import dev.llmgateway.cli.results.Prior;
import dev.llmgateway.core.message.GenerationResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** The counters behind a {@link Snapshot}, updated by the sending and the reply threads. Thread-safe. */
public final class Tally {
    private final long lines;
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder earlierSucceeded = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> earlierFailed = new ConcurrentHashMap<>();

    public Tally(long lines) {
        this.lines = lines;
    }

    void sent() {
        sent.increment();
    }

    void notSent() {
        notSent.increment();
    }

    /** A result of this run, from the gateway or not (a rejected line, a job given up). */
    void finished(GenerationResult result, boolean fromGateway) {
        if (fromGateway) {
            answered.increment();
        }
        if (result.isSuccess()) {
            succeeded.increment();
        } else {
            failed.computeIfAbsent(result.error().type(), type -> new LongAdder()).increment();
        }
    }

    /** A line skipped because the output holds a final result of an earlier run. */
    void earlier(Prior prior) {
        if (prior.kind() == Prior.Kind.SUCCEEDED) {
            earlierSucceeded.increment();
        } else {
            earlierFailed.computeIfAbsent(prior.errorType(), type -> new LongAdder()).increment();
        }
    }

    public Snapshot snapshot(int inFlight) {
        return new Snapshot(lines, sent.sum(), answered.sum(), succeeded.sum(), sums(failed), earlierSucceeded.sum(),
                sums(earlierFailed), notSent.sum(), inFlight);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        return counters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }
}
