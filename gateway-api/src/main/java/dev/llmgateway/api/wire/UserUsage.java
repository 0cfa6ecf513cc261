package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code /users/{user_id}}: the user's totals and a row per service, most expensive first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserUsage(String userId, @JsonUnwrapped UsageTotals totals, List<UsageRow> byService) {
}
