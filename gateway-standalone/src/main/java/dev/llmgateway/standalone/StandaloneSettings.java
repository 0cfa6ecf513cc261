package dev.llmgateway.standalone;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What the environment asks of a standalone gateway; every knob optional (README, "Configuration"). */
public record StandaloneSettings(
        Path dataDir,
        int httpPort,
        int adminPort,
        int kafkaPort,
        Optional<String> databaseUrl,
        Optional<String> redisUrl,
        Optional<String> adminKey,
        Optional<String> serviceKeys,
        Optional<String> masterKey,
        Optional<String> anthropicApiKey,
        Optional<String> openAiApiKey) {

    public static StandaloneSettings from(Map<String, String> env) {
        return new StandaloneSettings(
                Path.of(env.getOrDefault("GATEWAY_DATA_DIR", "data")).toAbsolutePath(),
                intOf(env, "GATEWAY_HTTP_PORT", 8080),
                intOf(env, "GATEWAY_ADMIN_PORT", 8081),
                intOf(env, "GATEWAY_KAFKA_PORT", 9092),
                value(env, "GATEWAY_DATABASE_URL"),
                value(env, "GATEWAY_REDIS_URL"),
                value(env, "GATEWAY_ADMIN_KEY"),
                value(env, "GATEWAY_SERVICE_KEYS"),
                value(env, "GATEWAY_MASTER_KEY"),
                value(env, "ANTHROPIC_API_KEY"),
                value(env, "OPENAI_API_KEY"));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        return value(env, name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, got '" + v + "'");
            }
        }).orElse(fallback);
    }
}
