package dev.llmgateway.api.generation;

import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.ratelimit.RateLimitSettings;
import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.ratelimit.RateDecision;
import dev.llmgateway.core.ratelimit.RateLimits;
import java.util.function.Supplier;

/** The rate limits a request must pass before the cache or the queue: per user, then per provider. */
public final class Admission {
    private final RateLimits limits;
    private final RateLimitSettings settings;
    private final Supplier<ProviderCatalog> catalog;

    public Admission(RateLimits limits, RateLimitSettings settings, Supplier<ProviderCatalog> catalog) {
        this.limits = limits;
        this.settings = settings;
        this.catalog = catalog;
    }

    public void admit(String userId, ProviderTarget primary) {
        admitUser(userId);
        ProviderConfig provider = catalog.get().provider(primary.provider()).orElse(null);
        if (provider != null && provider.rateLimitRpm() != null) {
            refuseUnless(limits.acquireProvider(provider.name(), provider.rateLimitRpm()),
                    "provider '" + provider.name() + "' is limited to " + provider.rateLimitRpm() + " requests per minute");
        }
    }

    /** The user's limit only: for jobs that workers pace against their provider's limit. */
    public void admitUser(String userId) {
        Integer userRpm = settings.getPerUserRpm();
        if (userRpm != null) {
            refuseUnless(limits.acquireUser(userId, userRpm),
                    "user '" + userId + "' may send " + userRpm + " requests per minute");
        }
    }

    private static void refuseUnless(RateDecision decision, String limit) {
        if (!decision.allowed()) {
            throw ApiException.rateLimited(limit + "; retry in " + decision.retryAfterSeconds() + " s",
                    decision.retryAfterSeconds());
        }
    }
}
