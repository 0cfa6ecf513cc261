package dev.llmgateway.stream.sink;

import java.time.Instant;

/** What the {@link PostgresSink} is doing, for health checks: an immutable snapshot. */
public record SinkStatus(boolean running, boolean assigned, String failure, Instant failingSince, long lag) {
    public static final SinkStatus NOT_STARTED = new SinkStatus(false, false, null, null, 0);
    static final SinkStatus STARTING = new SinkStatus(true, false, null, null, 0);

    SinkStatus withLag(long newLag) {
        return new SinkStatus(running, assigned, failure, failingSince, newLag);
    }

    SinkStatus onceAssigned() {
        return new SinkStatus(running, true, failure, failingSince, lag);
    }

    SinkStatus healthy() {
        return new SinkStatus(running, assigned, null, null, lag);
    }

    SinkStatus failing(String why) {
        return new SinkStatus(running, assigned, why, failingSince == null ? Instant.now() : failingSince, lag);
    }

    SinkStatus stopped() {
        return new SinkStatus(false, assigned, failure, failingSince, lag);
    }
}
