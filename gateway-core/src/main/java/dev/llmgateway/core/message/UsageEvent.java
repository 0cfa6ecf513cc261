package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * Exactly one per finished request on {@code llm.usage} (success, failure or cache hit), keyed by
 * request id; consumers de-duplicate on {@code request_id}.
 *
 * <p>An event is valid only if it can be counted and stored: names as {@link Names} says, {@code ts}
 * within years 1 to 9999 (a UTC day, a Postgres timestamp), counts up to {@value #MAX_COUNT} (so a
 * day's sums cannot overflow), a cost below 10^12 with at most 12 decimals (the usage tables'
 * {@code NUMERIC(24,12)}; more decimals are rounded). Anything else is unreadable and skipped.
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

    public static final long MAX_COUNT = 1_000_000_000_000L;
    private static final BigDecimal MAX_COST_USD = BigDecimal.TEN.pow(12);
    private static final int COST_SCALE = 12;
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public UsageEvent {
        Objects.requireNonNull(requestId, "request_id is required");
        Objects.requireNonNull(ts, "ts is required");
        Objects.requireNonNull(userId, "user_id is required");
        Objects.requireNonNull(service, "service is required");
        Objects.requireNonNull(status, "status is required");
        Names.require(requestId, "request_id");
        Names.require(userId, "user_id");
        Names.require(service, "service");
        provider = provider == null ? "" : provider;
        model = model == null ? "" : model;
        Names.optional(provider, "provider");
        Names.optional(model, "model");
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        if (inputTokens < 0 || outputTokens < 0 || costUsd.signum() < 0 || latencyMs < 0) {
            throw new IllegalArgumentException("tokens, cost and latency must be >= 0 in usage event " + requestId);
        }
        if (inputTokens > MAX_COUNT || outputTokens > MAX_COUNT || latencyMs > MAX_COUNT
                || costUsd.compareTo(MAX_COST_USD) >= 0) {
            throw new IllegalArgumentException("tokens and latency must be at most " + MAX_COUNT
                    + " and cost below " + MAX_COST_USD.toPlainString() + " in usage event " + requestId);
        }
        if (ts.isBefore(FIRST) || ts.isAfter(LAST)) {
            throw new IllegalArgumentException("ts must be between years 1 and 9999, got " + ts);
        }
        if (costUsd.scale() > COST_SCALE) {
            // Below 10^-12 it rounds to zero; checked first, as rescaling 1e-1000000000 would take forever.
            costUsd = costUsd.precision() - costUsd.scale() < -COST_SCALE ? BigDecimal.ZERO
                    : costUsd.setScale(COST_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
    }

    /** The usage of a finished job, as counted for its caller. */
    public static UsageEvent of(GenerationRequest request, GenerationResult result, Instant now) {
        return new UsageEvent(result.id(), now, request.userId(), request.service(), result.provider(),
                result.model(), result.usage().inputTokens(), result.usage().outputTokens(), result.costUsd(),
                result.latencyMs(), result.cached(), result.status());
    }
}
