package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jdbi.v3.core.mapper.Nested;

/** A row of {@code /daily}: {@code {"date": "2026-11-24", ...totals}}, the UTC day as an ISO date. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DailyUsageRow(String date, @JsonUnwrapped @Nested UsageTotals totals) {
}
