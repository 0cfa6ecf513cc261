package dev.llmgateway.core.redis;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis as an optional dependency: every call either succeeds or returns empty, never throws.
 * After a failure Redis is considered down and skipped (no request waits on a dead server) while
 * a probe pings it every {@code probeInterval}; the first successful ping brings it back. Each
 * outage is logged once when it starts and once when it ends.
 */
public final class RedisConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);

    private final UnifiedJedis client;
    private final String address;
    private final ScheduledExecutorService scheduler;
    private final long probeIntervalMs;
    private volatile boolean available = true;
    private ScheduledFuture<?> probe;

    public RedisConnection(UnifiedJedis client, String address, ScheduledExecutorService scheduler, long probeIntervalMs) {
        this.client = client;
        this.address = address;
        this.scheduler = scheduler;
        this.probeIntervalMs = probeIntervalMs;
    }

    public static RedisConnection connect(RedisSettings settings, ScheduledExecutorService scheduler) {
        URI uri = URI.create(settings.getUri());
        int database = uri.getPath() == null || uri.getPath().length() <= 1 ? 0 : Integer.parseInt(uri.getPath().substring(1));
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.getTimeoutMs())
                .socketTimeoutMillis(settings.getTimeoutMs())
                .database(database);
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            if (parts.length == 2) {
                if (!parts[0].isEmpty()) {
                    config.user(parts[0]);
                }
                config.password(parts[1]);
            } else {
                config.password(parts[0]);
            }
        }
        HostAndPort hostAndPort = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        RedisClient client = RedisClient.builder().hostAndPort(hostAndPort).clientConfig(config.build()).build();
        return new RedisConnection(client, hostAndPort + "/" + database, scheduler, settings.getProbeIntervalMs());
    }

    /** The command's result, or empty when Redis is down or the command failed. */
    public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
        if (!available) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(client));
        } catch (RuntimeException e) {
            markDown(e);
            return Optional.empty();
        }
    }

    public boolean isAvailable() {
        return available;
    }

    /** Pings now; for readiness checks. A successful ping brings Redis back at once, as the probe's would. */
    public boolean ping() {
        try {
            client.ping();
        } catch (RuntimeException e) {
            markDown(e);
            return false;
        }
        if (!available) {
            markUp();
        }
        return true;
    }

    private synchronized void markDown(RuntimeException e) {
        if (!available) {
            return;
        }
        available = false;
        LOG.warn("Redis at {} is unreachable ({}); serving from the local cache and local rate limits until it returns",
                address, e.getMessage());
        probe = scheduler.scheduleWithFixedDelay(this::probe, probeIntervalMs, probeIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** Never throws: an exception would end the scheduled probe and leave Redis skipped for good. */
    private void probe() {
        try {
            client.ping();
        } catch (RuntimeException stillDown) {
            return;
        }
        markUp();
    }

    private synchronized void markUp() {
        if (available) {
            return;
        }
        available = true;
        if (probe != null) {
            probe.cancel(false);
            probe = null;
        }
        dropPooledConnections();
        LOG.info("Redis at {} is reachable again", address);
    }

    /**
     * The pool's idle connections are to the server that went away: each would fail once and mark
     * Redis down again, so a recovery would flap for as many probe intervals as the pool holds.
     */
    private void dropPooledConnections() {
        if (client instanceof RedisClient pooled) {
            try {
                pooled.getPool().clear();
            } catch (RuntimeException e) {
                LOG.debug("Could not clear the Redis pool: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.cancel(false);
        }
        client.close();
    }
}
