package dev.llmgateway.api.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;

/** The totals every usage endpoint answers with (API.md, "Usage analytics"). Cost is exact, without trailing zeros. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageTotals(
        long requests,
        long cachedRequests,
        long failedRequests,
        long inputTokens,
        long outputTokens,
        @JsonSerialize(using = PlainDecimalSerializer.class) BigDecimal costUsd) {

    public UsageTotals {
        costUsd = costUsd == null || costUsd.signum() == 0 ? BigDecimal.ZERO : costUsd.stripTrailingZeros();
    }
}
