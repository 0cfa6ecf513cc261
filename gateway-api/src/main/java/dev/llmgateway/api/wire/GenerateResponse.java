package dev.llmgateway.api.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.llmgateway.core.message.GenerationResult;
import java.math.BigDecimal;

/** The 200 body of {@code POST /api/v1/generate} (API.md). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerateResponse(
        String id,
        String content,
        String provider,
        String model,
        boolean cached,
        String finishReason,
        UsageDto usage,
        BigDecimal costUsd,
        long latencyMs) {

    public static GenerateResponse of(GenerationResult result) {
        return new GenerateResponse(result.id(), result.content(), result.provider(), result.model(), result.cached(),
                result.finishReason(), UsageDto.of(result.usage()), result.costUsd(), result.latencyMs());
    }
}
