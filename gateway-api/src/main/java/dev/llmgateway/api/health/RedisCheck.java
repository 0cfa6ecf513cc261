package dev.llmgateway.api.health;

import dev.llmgateway.core.redis.RedisConnection;

/** Redis is optional: without it the gateway serves from L1 and local limits, so readiness is only degraded. */
public final class RedisCheck implements DependencyCheck {
    private final RedisConnection redis;

    public RedisCheck(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public CheckResult check() {
        if (!redis.isAvailable()) {
            return CheckResult.down("unreachable; serving from the local cache and local rate limits");
        }
        long start = System.nanoTime();
        return redis.ping() ? CheckResult.ok((System.nanoTime() - start) / 1_000_000)
                : CheckResult.down("unreachable; serving from the local cache and local rate limits");
    }
}
