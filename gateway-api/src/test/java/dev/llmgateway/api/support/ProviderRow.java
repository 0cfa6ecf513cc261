package dev.llmgateway.api.support;

import java.util.List;

/** A provider_configs row for a test; {@code with*} methods give modified copies. */
public record ProviderRow(String name, String type, String baseUrl, String apiKey, List<String> models,
        String defaultModel, boolean enabled, int priority, Integer rateLimitRpm, int timeoutMs, int maxRetries) {

    public static ProviderRow anthropic(String name, String baseUrl, String apiKey) {
        return new ProviderRow(name, "anthropic", baseUrl, apiKey, List.of("claude-sonnet-4-5-20250929"),
                "claude-sonnet-4-5-20250929", true, 10, null, 5000, 2);
    }

    public static ProviderRow openAi(String name, String baseUrl, String apiKey) {
        return new ProviderRow(name, "openai", baseUrl, apiKey, List.of("gpt-4o", "gpt-4o-mini"), "gpt-4o-mini",
                true, 20, null, 5000, 2);
    }

    public static ProviderRow mock(String name) {
        return new ProviderRow(name, "mock", null, null, List.of("mock-1"), "mock-1", true, 30, null, 5000, 0);
    }

    public ProviderRow withPriority(int value) {
        return new ProviderRow(name, type, baseUrl, apiKey, models, defaultModel, enabled, value, rateLimitRpm, timeoutMs, maxRetries);
    }

    public ProviderRow withEnabled(boolean value) {
        return new ProviderRow(name, type, baseUrl, apiKey, models, defaultModel, value, priority, rateLimitRpm, timeoutMs, maxRetries);
    }

    public ProviderRow withMaxRetries(int value) {
        return new ProviderRow(name, type, baseUrl, apiKey, models, defaultModel, enabled, priority, rateLimitRpm, timeoutMs, value);
    }

    public ProviderRow withTimeoutMs(int value) {
        return new ProviderRow(name, type, baseUrl, apiKey, models, defaultModel, enabled, priority, rateLimitRpm, value, maxRetries);
    }

    public ProviderRow withRateLimitRpm(Integer value) {
        return new ProviderRow(name, type, baseUrl, apiKey, models, defaultModel, enabled, priority, value, timeoutMs, maxRetries);
    }
}
