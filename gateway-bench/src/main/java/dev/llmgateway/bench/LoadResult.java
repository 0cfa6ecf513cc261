package dev.llmgateway.bench;

import java.util.Map;
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
}
