package dev.llmgateway.core.provider;

import java.util.Objects;

/**
 * Routes a user's requests to a provider: for one service, or for every service of that user when
 * {@code serviceName} is null. A (user, service) override wins over a (user, any) one.
 */
public record CustomerOverride(Long id, String userId, String serviceName, String providerName, String modelName) {
    public CustomerOverride {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(providerName, "providerName");
    }
}
