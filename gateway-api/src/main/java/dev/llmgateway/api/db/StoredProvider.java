package dev.llmgateway.api.db;

import java.util.List;

/**
 * A {@code provider_configs} row as the admin API reads and writes it. {@code apiKeyEncrypted} is
 * the sealed key (see {@code SecretBox}) and {@code apiKeyHint} its last four characters; neither
 * the key nor its ciphertext leaves the gateway, and {@link #toString()} shows neither.
 */
public record StoredProvider(
        String name,
        String type,
        String displayName,
        String baseUrl,
        String apiKeyEncrypted,
        String apiKeyHint,
        List<String> models,
        String defaultModel,
        boolean enabled,
        int priority,
        Integer rateLimitRpm,
        int timeoutMs,
        int maxRetries) {

    public StoredProvider {
        models = models == null ? List.of() : List.copyOf(models);
    }

    public boolean hasApiKey() {
        return apiKeyEncrypted != null;
    }

    /** This provider with another key (both null: no key). */
    public StoredProvider withKey(String encrypted, String hint) {
        return new StoredProvider(name, type, displayName, baseUrl, encrypted, hint, models, defaultModel, enabled,
                priority, rateLimitRpm, timeoutMs, maxRetries);
    }

    @Override
    public String toString() {
        return "StoredProvider[" + name + ", " + type + ", key " + (hasApiKey() ? "set" : "unset") + "]";
    }
}
