package dev.llmgateway.testkit;

import dev.llmgateway.embedded.EmbeddedRedisServer;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Where the tests' Redis is, and which logical database they own. */
record RedisServerLocation(String host, int port, int database) {

    static final String URL_VARIABLE = "GATEWAY_TEST_REDIS_URL";
    static final int DEFAULT_DATABASE = 15;
    private static final Logger LOG = LoggerFactory.getLogger(RedisServerLocation.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    /**
     * The server named by {@value #URL_VARIABLE} ({@code redis://host:port[/database]}), else the
     * local one on 127.0.0.1:6379 when it answers, else an embedded server stopped by a shutdown hook.
     */
    static RedisServerLocation locate() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return fromUri(configured);
        }
        RedisServerLocation local = new RedisServerLocation("127.0.0.1", 6379, DEFAULT_DATABASE);
        if (local.answers()) {
            return local;
        }
        EmbeddedRedisServer embedded = EmbeddedRedisServer.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-redis-stop"));
        LOG.info("No Redis on 127.0.0.1:6379; tests use an embedded one on port {}", embedded.port());
        return new RedisServerLocation(embedded.host(), embedded.port(), DEFAULT_DATABASE);
    }

    static RedisServerLocation fromUri(String uri) {
        URI parsed = URI.create(uri);
        if (!"redis".equals(parsed.getScheme()) || parsed.getHost() == null || parsed.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    URL_VARIABLE + " must look like redis://host:port/database (no credentials), was: " + uri);
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
        return new RedisServerLocation(parsed.getHost(), parsed.getPort() == -1 ? 6379 : parsed.getPort(),
                path.isEmpty() ? DEFAULT_DATABASE : Integer.parseInt(path));
    }

    String uri() {
        return "redis://" + host + ":" + port + "/" + database;
    }

    /** A connection to the tests' database; the caller closes it. */
    Jedis connect() {
        return new Jedis(new HostAndPort(host, port), DefaultJedisClientConfig.builder()
                .database(database)
                .serverDefaultProtocol()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .clientName("llm-gateway-test")
                .build());
    }

    private boolean answers() {
        try (Jedis jedis = connect()) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            LOG.debug("Redis at {}:{} does not answer: {}", host, port, e.getMessage());
            return false;
        }
    }
}
