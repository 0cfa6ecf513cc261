package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of {@code POST}, {@code PUT} and (merged onto the stored provider) {@code PATCH
 * /api/v1/providers}. Absent fields take their defaults. {@code api_key} is write-only and
 * {@link #toString()} never shows it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderRequest(
        String name,
        String type,
        String displayName,
        String baseUrl,
        String apiKey,
        List<String> models,
        String defaultModel,
        @JsonProperty("is_enabled") Boolean isEnabled,
        Integer priority,
        Integer rateLimitRpm,
        Integer timeoutMs,
        Integer maxRetries) {

    @Override
    public String toString() {
        return "ProviderRequest[" + name + ", " + type + ", api key " + (apiKey == null ? "absent" : "given") + "]";
    }
}
