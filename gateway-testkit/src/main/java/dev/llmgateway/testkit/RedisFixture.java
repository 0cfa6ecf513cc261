package dev.llmgateway.testkit;

import dev.llmgateway.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * Redis for tests, isolated in one logical database (15 unless {@code GATEWAY_TEST_REDIS_URL}
 * names another):
 * <pre>{@code @RegisterExtension static final RedisFixture REDIS = RedisFixture.shared();}</pre>
 *
 * <p>The server is {@code GATEWAY_TEST_REDIS_URL} ({@code redis://host:port/database}), else
 * 127.0.0.1:6379 when it answers, else an embedded server started once per JVM. Before every test
 * the database is emptied with {@code FLUSHDB}; other databases are never touched.
 * Thread-safe.
 */
public final class RedisFixture implements BeforeAllCallback, BeforeEachCallback {

    private static final RedisFixture SHARED = new RedisFixture();

    private RedisServerLocation location;

    private RedisFixture() {
    }

    public static RedisFixture shared() {
        return SHARED;
    }

    /**
     * A Redis of the caller's own, on a free port and keeping nothing, for tests that stop and
     * restart it; the caller closes it.
     */
    public static EmbeddedRedisServer privateServer() {
        return EmbeddedRedisServer.start(0);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        location();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        flush();
    }

    /** Empties the tests' database; runs before each test by itself. */
    public void flush() {
        try (Jedis jedis = location().connect()) {
            jedis.flushDB();
        }
    }

    public String host() {
        return location().host();
    }

    public int port() {
        return location().port();
    }

    public int database() {
        return location().database();
    }

    /** {@code redis://host:port/database} */
    public String uri() {
        return location().uri();
    }

    private synchronized RedisServerLocation location() {
        if (location == null) {
            location = RedisServerLocation.locate();
        }
        return location;
    }
}
