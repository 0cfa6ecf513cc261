package dev.llmgateway.stream;

import com.codahale.metrics.MetricRegistry;

/** The usage stream's consumer lag as gauges: {@code usage.stream.lag} (Streams) and {@code usage.sink.lag} (Postgres). */
public final class UsageStreamMetrics {
    private UsageStreamMetrics() {
    }

    public static void register(MetricRegistry metrics, UsageStream stream) {
        metrics.gauge("usage.stream.lag", () -> () -> stream.lag().stream());
        metrics.gauge("usage.sink.lag", () -> () -> stream.lag().sink());
    }
}
