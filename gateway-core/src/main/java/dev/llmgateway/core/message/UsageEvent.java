package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Exactly one per finished request on {@code llm.usage} (success, failure or cache hit), keyed by
 * request id; consumers de-duplicate on {@code request_id}.
 */
public record UsageEvent(
        @JsonProperty(required = true) String requestId,
        @JsonProperty(required = true) Instant ts,
        @JsonProperty(required = true) String userId,
        @JsonProperty(required = true) String service,
        String provider,
        String model,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        long latencyMs,
        boolean cached,
        @JsonProperty(required = true) GenerationStatus status) {

    public UsageEvent {
        Objects.requireNonNull(requestId, "request_id is required");
        Objects.requireNonNull(ts, "ts is required");
        Objects.requireNonNull(userId, "user_id is required");
        Objects.requireNonNull(service, "service is required");
        Objects.requireNonNull(status, "status is required");
        provider = provider == null ? "" : provider;
        model = model == null ? "" : model;
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        if (inputTokens < 0 || outputTokens < 0 || costUsd.signum() < 0) {
            throw new IllegalArgumentException("tokens and cost must be >= 0 in usage event " + requestId);
        }
    }

    /** The usage of a finished job, as counted for its caller. */
    public static UsageEvent of(GenerationRequest request, GenerationResult result, Instant now) {
        return new UsageEvent(result.id(), now, request.userId(), request.service(), result.provider(),
                result.model(), result.usage().inputTokens(), result.usage().outputTokens(), result.costUsd(),
                result.latencyMs(), result.cached(), result.status());
    }
}
