package dev.llmgateway.cli.batch;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a batch at one moment, over every non-blank line of its input: what this run
 * answered, what an earlier run had answered for good, and what is still in flight.
 *
 * @param lines non-blank lines of the input
 * @param sent jobs this run produced to Kafka
 * @param answered results this run received from the gateway
 * @param succeeded lines that succeeded in this run
 * @param failed lines that failed in this run (rejected input lines included), by error type
 * @param earlierSucceeded lines skipped because an earlier run's success is in the output
 * @param earlierFailed lines skipped because an earlier run's final failure is in the output, by error type
 * @param notSent usable lines this run did not send because of {@code --limit}
 * @param inFlight jobs sent and not yet answered
 */
public record Snapshot(long lines, long sent, long answered, long succeeded, Map<String, Long> failed,
        long earlierSucceeded, Map<String, Long> earlierFailed, long notSent, int inFlight) {

    public Snapshot {
        failed = Map.copyOf(failed);
        earlierFailed = Map.copyOf(earlierFailed);
    }

    /** Lines with a result in the output, from this run or an earlier one. */
    public long done() {
        return succeeded + earlierSucceeded + failedTotal();
    }

    /** Lines this run wrote a result for. */
    public long finishedThisRun() {
        return succeeded + sum(failed);
    }

    /** Lines skipped because the output already held a final result for them. */
    public long skipped() {
        return earlierSucceeded + sum(earlierFailed);
    }

    public long succeededTotal() {
        return succeeded + earlierSucceeded;
    }

    public long failedTotal() {
        return sum(failed) + sum(earlierFailed);
    }

    /** Failures of this run and earlier final ones, by error type, sorted by type. */
    public Map<String, Long> failedByType() {
        Map<String, Long> all = new TreeMap<>(failed);
        earlierFailed.forEach((type, count) -> all.merge(type, count, Long::sum));
        return all;
    }

    /** Lines with no result yet: unread, not sent, or abandoned in flight. */
    public long unfinished() {
        return Math.max(0, lines - done());
    }

    public boolean allSucceeded() {
        return succeededTotal() == lines;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
