package dev.llmgateway.stream.health;

import com.codahale.metrics.health.HealthCheck;
import dev.llmgateway.stream.UsageStream;
import dev.llmgateway.stream.sink.SinkStatus;
import org.apache.kafka.streams.KafkaStreams;

/** Healthy while the Streams client runs (or rebalances) and the sink writes to Postgres; says the lag. */
public final class UsageStreamHealthCheck extends HealthCheck {
    private final UsageStream usageStream;

    public UsageStreamHealthCheck(UsageStream usageStream) {
        this.usageStream = usageStream;
    }

    @Override
    protected Result check() {
        KafkaStreams.State streams = usageStream.streamsState();
        SinkStatus sink = usageStream.sinkStatus();
        String summary = "streams " + streams + ", sink " + describe(sink) + ", " + usageStream.lag();
        boolean healthy = streams.isRunningOrRebalancing() && sink.running() && sink.failure() == null;
        return healthy ? Result.healthy(summary) : Result.unhealthy(summary);
    }

    private static String describe(SinkStatus sink) {
        if (!sink.running()) {
            return "stopped";
        }
        if (sink.failure() != null) {
            return "failing since " + sink.failingSince() + " (" + sink.failure() + ")";
        }
        return sink.assigned() ? "writing" : "waiting for partitions";
    }
}
