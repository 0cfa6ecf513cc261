package dev.llmgateway.cli.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How one run submits its batch.
 *
 * @param runId unique per run; prefixes the request ids, names the default reply topic
 * @param replyTopic where the gateway answers
 * @param ownReplyTopic the topic is this run's own: deleted at the end when nothing is outstanding
 * @param maxInFlight the most jobs sent and not yet answered
 * @param idleTimeout how long without any answer, while jobs are outstanding, before giving up on them
 * @param limit the most jobs this run sends ({@link Long#MAX_VALUE} for no limit)
 */
public record BatchSettings(String runId, String replyTopic, boolean ownReplyTopic, int maxInFlight,
        Duration idleTimeout, long limit) {
    public BatchSettings {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(replyTopic, "replyTopic");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }

    /** The id of one attempt at a line: unique per run, so each attempt's usage is counted once. */
    public String requestId(String lineId) {
        return runId + ":" + lineId;
    }
}
