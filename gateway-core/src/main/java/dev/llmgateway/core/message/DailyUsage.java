package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Absolute totals for one UTC day and (user, service, provider, model), on {@code llm.usage.daily}. */
public record DailyUsage(
        @JsonProperty(required = true) LocalDate date,
        @JsonProperty(required = true) String userId,
        @JsonProperty(required = true) String service,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String model,
        long requests,
        long cachedRequests,
        long failedRequests,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        long latencyMsSum) {

    public DailyUsage {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public DailyUsageKey key() {
        return new DailyUsageKey(date, userId, service, provider, model);
    }
}
