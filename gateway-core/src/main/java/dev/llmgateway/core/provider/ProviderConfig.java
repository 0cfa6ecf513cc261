package dev.llmgateway.core.provider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured provider as routing and the workers see it. {@code apiKeyEncrypted} is the
 * at-rest form (see {@code SecretBox}); it is never sent to a caller.
 */
public record ProviderConfig(
        String name,
        ProviderType type,
        String displayName,
        String baseUrl,
        String apiKeyEncrypted,
        List<String> models,
        String defaultModel,
        boolean enabled,
        int priority,
        Integer rateLimitRpm,
        int timeoutMs,
        int maxRetries) {

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** The model used when a caller names none: {@code default_model}, else the first listed one. */
    public Optional<String> fallbackModel() {
        if (defaultModel != null && !defaultModel.isBlank()) {
            return Optional.of(defaultModel);
        }
        if (!models.isEmpty()) {
            return Optional.of(models.get(0));
        }
        return type == ProviderType.MOCK ? Optional.of("mock-1") : Optional.empty();
    }

    public boolean lists(String model) {
        return models.contains(model) || model.equals(defaultModel);
    }
}
