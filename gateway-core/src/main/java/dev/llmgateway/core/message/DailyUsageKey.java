package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** The dimensions of one {@link DailyUsage} row: the key of {@code llm.usage.daily}. */
public record DailyUsageKey(
        @JsonProperty(required = true) LocalDate date,
        @JsonProperty(required = true) String userId,
        @JsonProperty(required = true) String service,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String model) {
}
