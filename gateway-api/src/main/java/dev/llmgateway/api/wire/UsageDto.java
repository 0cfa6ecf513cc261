package dev.llmgateway.api.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.llmgateway.core.message.TokenUsage;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageDto(long inputTokens, long outputTokens) {
    public static UsageDto of(TokenUsage usage) {
        return new UsageDto(usage.inputTokens(), usage.outputTokens());
    }
}
