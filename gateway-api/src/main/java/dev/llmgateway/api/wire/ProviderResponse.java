package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.llmgateway.api.db.StoredProvider;
import java.util.List;

/** A provider as the admin API shows it: never the key, only whether one is set and its last four characters. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProviderResponse(
        String name,
        String type,
        String displayName,
        String baseUrl,
        List<String> models,
        String defaultModel,
        @JsonProperty("is_enabled") boolean isEnabled,
        int priority,
        Integer rateLimitRpm,
        int timeoutMs,
        int maxRetries,
        boolean hasApiKey,
        String apiKeyHint) {

    public static ProviderResponse of(StoredProvider p) {
        return new ProviderResponse(p.name(), p.type(), p.displayName(), p.baseUrl(), p.models(), p.defaultModel(),
                p.enabled(), p.priority(), p.rateLimitRpm(), p.timeoutMs(), p.maxRetries(), p.hasApiKey(),
                p.apiKeyHint() == null ? null : "\u2026" + p.apiKeyHint());
    }
}
