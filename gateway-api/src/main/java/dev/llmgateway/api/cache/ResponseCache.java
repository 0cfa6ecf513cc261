package dev.llmgateway.api.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmgateway.core.kafka.JsonSerde;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.redis.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Successful answers by cache key: L1 Caffeine in this instance, L2 Redis shared by all (values
 * are the documented GenerationResult JSON under a versioned key). An L2 hit fills L1. Redis
 * being down only costs L2: lookups and stores go on with L1.
 */
public final class ResponseCache {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
    static final String PREFIX = "llmgw:cache:";
    private static final JsonSerde<GenerationResult> SERDE = JsonSerde.of(GenerationResult.class);

    private final Cache<String, GenerationResult> local;
    private final RedisConnection redis;
    private final long sharedTtlSeconds;

    public ResponseCache(CacheSettings settings, RedisConnection redis, Ticker ticker) {
        this.local = Caffeine.newBuilder()
                .maximumSize(settings.getLocalMaxEntries())
                .expireAfterWrite(settings.getLocalTtl().toNanoseconds(), TimeUnit.NANOSECONDS)
                .ticker(ticker)
                .build();
        this.redis = redis;
        this.sharedTtlSeconds = Math.max(1, settings.getSharedTtl().toSeconds());
    }

    public Optional<CachedAnswer> get(String key) {
        GenerationResult hit = local.getIfPresent(key);
        if (hit != null) {
            return Optional.of(new CachedAnswer(hit, CacheTier.L1));
        }
        return redis.call(jedis -> jedis.get(PREFIX + key))
                .flatMap(json -> decode(key, json))
                .map(shared -> {
                    local.put(key, shared);
                    return new CachedAnswer(shared, CacheTier.L2);
                });
    }

    public void put(String key, GenerationResult result) {
        if (!result.isSuccess()) {
            return;
        }
        local.put(key, result);
        String json = new String(SERDE.serialize(null, result), StandardCharsets.UTF_8);
        redis.call(jedis -> jedis.setex(PREFIX + key, sharedTtlSeconds, json));
    }

    /** Forgets this instance's copies (L2 stays); tests use it to reach L2. */
    public void clearLocal() {
        local.invalidateAll();
    }

    private static Optional<GenerationResult> decode(String key, String json) {
        try {
            return Optional.of(SERDE.deserialize(null, json.getBytes(StandardCharsets.UTF_8)));
        } catch (SerializationException e) {
            LOG.warn("Ignoring unreadable cache entry {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }
}
