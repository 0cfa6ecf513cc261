package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jdbi.v3.core.mapper.Nested;

/** A row of {@code /by-provider}, one per provider and model: key {@code "provider/model"}, the OpenAI-style model name. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderUsageRow(String key, String provider, String model, @JsonUnwrapped @Nested UsageTotals totals) {
}
