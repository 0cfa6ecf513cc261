package dev.llmgateway.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one scenario measured: latencies of successful calls, throughput, failures by status. */
record LoadResult(String scenario, int connections, Histogram latencyMicros, long ok, double seconds,
        Map<String, Long> errors) {

    double requestsPerSecond() {
        return ok / seconds;
    }

    double percentileMs(double p) {
        return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    String row() {
        return String.format("| %-34s | %5d | %10.0f | %8.2f | %8.2f | %8.2f | %8.2f | %6d %s |", scenario, connections,
                requestsPerSecond(), percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9),
                errorCount(), errors.isEmpty() ? "" : new TreeMap<>(errors).toString());
    }

    static String header() {
        return "| scenario                           | conns |    req/s   |  p50 ms  |  p90 ms  |  p99 ms  | p99.9 ms | errors |\n"
                + "| ---------------------------------- | ----- | ---------- | -------- | -------- | -------- | -------- | ------ |";
    }
}
