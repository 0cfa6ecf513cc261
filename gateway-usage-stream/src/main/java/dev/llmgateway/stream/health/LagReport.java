package dev.llmgateway.stream.health;

import java.time.Instant;

/** The committed lag of the stream's and the sink's consumer groups, as last measured. */
public record LagReport(long stream, long sink, Instant measuredAt) {
    public static final LagReport NOT_MEASURED = new LagReport(-1, -1, null);

    @Override
    public String toString() {
        return measuredAt == null ? "lag not measured yet"
                : "lag: stream " + stream + " records, sink " + sink + " records (at " + measuredAt + ")";
    }
}
