package dev.llmgateway.api.support;

import dev.llmgateway.api.support.SyncLoad.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** What a phase of {@link SyncLoad} amounted to, as the fault-injection tests print and assert it. */
public record LoadFigures(String phase, int sent, long answered, Map<String, Long> statuses, long errorLatencyMaxMs,
        long errorLatencyMedianMs) {

    public static LoadFigures of(String phase, List<Outcome> outcomes) {
        Map<String, Long> statuses = new TreeMap<>();
        outcomes.forEach(o -> statuses.merge(kind(o), 1L, Long::sum));
        List<Long> errorLatencies = outcomes.stream().filter(o -> o.status() != 200).map(Outcome::latencyMs)
                .sorted().toList();
        return new LoadFigures(phase, outcomes.size(), outcomes.stream().filter(o -> o.status() == 200).count(),
                statuses, errorLatencies.isEmpty() ? 0 : errorLatencies.get(errorLatencies.size() - 1),
                errorLatencies.isEmpty() ? 0 : errorLatencies.get(errorLatencies.size() / 2));
    }

    /** {@code 200}, or the status and the error type, e.g. {@code 503 unavailable}. */
    public static String kind(Outcome outcome) {
        return outcome.errorType() == null ? Integer.toString(outcome.status())
                : outcome.status() + " " + outcome.errorType();
    }

    public long count(Predicate<String> kind) {
        return statuses.entrySet().stream().filter(e -> kind.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Prints the figures on standard output, so a test run reports them; returns them. */
    public LoadFigures print() {
        System.out.println(this);
        return this;
    }

    @Override
    public String toString() {
        return String.format("[%s] sent %d, answered 200: %d, statuses %s, error latency ms: max %d, median %d",
                phase, sent, answered, statuses, errorLatencyMaxMs, errorLatencyMedianMs);
    }
}
