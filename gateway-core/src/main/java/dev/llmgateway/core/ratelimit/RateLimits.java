package dev.llmgateway.core.ratelimit;

/**
 * Per-provider (and optionally per-user) requests-per-minute limits, shared through Redis by every
 * API instance and worker. While Redis is down each process enforces its share of the limit
 * ({@code rpm / instances}, at least 1) locally, so nothing fails and the total stays near the limit.
 */
public final class RateLimits {
    static final String PREFIX = "llmgw:rl:v1:";

    private final RedisRateLimiter shared;
    private final LocalRateLimiter local;
    private final int instances;

    public RateLimits(RedisRateLimiter shared, LocalRateLimiter local, int instances) {
        this.shared = shared;
        this.local = local;
        this.instances = Math.max(1, instances);
    }

    public RateDecision acquireProvider(String provider, int perMinute) {
        return acquire("provider:" + provider, perMinute);
    }

    public RateDecision acquireUser(String userId, int perMinute) {
        return acquire("user:" + userId, perMinute);
    }

    /** Limits of this process alone, for a process configured without Redis. */
    public static RateLimits localOnly(LocalRateLimiter local) {
        return new RateLimits(null, local, 1);
    }

    private RateDecision acquire(String key, int perMinute) {
        if (shared == null) {
            return local.acquire(key, perMinute);
        }
        return shared.acquire(PREFIX + key, perMinute)
                .orElseGet(() -> local.acquire(key, Math.max(1, perMinute / instances)));
    }
}
