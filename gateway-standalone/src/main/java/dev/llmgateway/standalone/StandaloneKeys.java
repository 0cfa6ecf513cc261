package dev.llmgateway.standalone;

import java.util.List;

/**
 * The keys in use, and whether each came from the environment or is a development default (only
 * defaults are ever printed).
 */
public record StandaloneKeys(String adminKey, boolean adminFromEnv, List<String> serviceKeys, boolean serviceFromEnv,
        String masterKey, boolean masterFromEnv) {
    static final String DEV_ADMIN_KEY = "dev-admin-key";
    static final String DEV_SERVICE_KEY = "dev-service-key";

    static StandaloneKeys resolve(StandaloneSettings settings) {
        return new StandaloneKeys(
                settings.adminKey().orElse(DEV_ADMIN_KEY), settings.adminKey().isPresent(),
                settings.serviceKeys().map(List::of).orElse(List.of(DEV_SERVICE_KEY)), settings.serviceKeys().isPresent(),
                settings.masterKey().orElseGet(() -> MasterKeyFile.loadOrCreate(settings.dataDir())),
                settings.masterKey().isPresent());
    }

    String firstServiceKey() {
        return serviceKeys.get(0).split(",")[0].trim();
    }

    @Override
    public String toString() {
        return "StandaloneKeys[redacted]";
    }
}
