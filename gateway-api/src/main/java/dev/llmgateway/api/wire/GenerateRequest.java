package dev.llmgateway.api.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/generate} and {@code POST /api/v1/jobs} (API.md). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerateRequest(
        String userId,
        String service,
        String prompt,
        String system,
        List<MessageDto> messages,
        String provider,
        String model,
        Integer maxTokens,
        Double temperature,
        Boolean cache,
        Long timeoutMs,
        Map<String, String> metadata) {

    public boolean cacheEnabled() {
        return cache == null || cache;
    }
}
