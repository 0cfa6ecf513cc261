package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jdbi.v3.core.mapper.Nested;

/** A row of {@code /by-user} or {@code /by-service}: {@code {"key": ..., ...totals}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageRow(String key, @JsonUnwrapped @Nested UsageTotals totals) {
}
