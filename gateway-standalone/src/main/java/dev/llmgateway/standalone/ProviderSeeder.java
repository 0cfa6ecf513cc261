package dev.llmgateway.standalone;

import dev.llmgateway.core.crypto.SecretBox;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Gives a fresh standalone gateway something to answer with: a {@code mock} provider, plus
 * {@code claude} and {@code openai} when their API keys are in the environment. Never touches a
 * provider that already exists, so operators' changes survive restarts.
 */
final class ProviderSeeder {
    private final Jdbi jdbi;
    private final SecretBox secrets;

    ProviderSeeder(Jdbi jdbi, SecretBox secrets) {
        this.jdbi = jdbi;
        this.secrets = secrets;
    }

    void seed(StandaloneSettings settings) {
        settings.anthropicApiKey().ifPresent(key -> insert("claude", "anthropic", "Anthropic Claude", key,
                List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-5-20251101"),
                "claude-sonnet-4-5-20250929", 10));
        settings.openAiApiKey().ifPresent(key -> insert("openai", "openai", "OpenAI", key,
                List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1"), "gpt-4o", 20));
        boolean realProvider = settings.anthropicApiKey().isPresent() || settings.openAiApiKey().isPresent();
        insert("mock", "mock", "Built-in mock (offline)", null, List.of("mock-1"), "mock-1", realProvider ? 1000 : 10);
    }

    private void insert(String name, String type, String displayName, String apiKey, List<String> models,
            String defaultModel, int priority) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO provider_configs (name, type, display_name, api_key_encrypted, "
                        + "models, default_model, priority) VALUES (:name, :type, :display, :key, :models, :model, :priority) "
                        + "ON CONFLICT (name) DO NOTHING")
                .bind("name", name)
                .bind("type", type)
                .bind("display", displayName)
                .bind("key", apiKey == null ? null : secrets.encrypt(apiKey))
                .bindArray("models", String.class, models)
                .bind("model", defaultModel)
                .bind("priority", priority)
                .execute());
    }
}
