package dev.llmgateway.core.ratelimit;

import dev.llmgateway.core.redis.RedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * GCRA shared by every process through one atomic Lua script per request. Time comes from the
 * caller's clock (injectable in tests; NTP keeps instances within milliseconds of each other).
 */
public final class RedisRateLimiter {
    private final RedisConnection redis;
    private final Clock clock;

    public RedisRateLimiter(RedisConnection redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Empty when Redis cannot answer; the caller falls back to a local limit. */
    public Optional<RateDecision> acquire(String key, int perMinute) {
        long now = clock.millis();
        List<String> args = List.of(Long.toString(now), Long.toString(Gcra.intervalMs(perMinute)),
                Integer.toString(perMinute));
        return redis.call(jedis -> jedis.eval(Gcra.LUA, List.of(key), args))
                .map(result -> ((Number) result).longValue())
                .map(wait -> wait == 0 ? RateDecision.ALLOW : RateDecision.retryAfter(Duration.ofMillis(wait)));
    }
}
