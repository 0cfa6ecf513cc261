package dev.llmgateway.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A Redis server run from the binary in {@code com.github.codemonstur:embedded-redis}, bound to
 * 127.0.0.1. It can be {@link #stop() stopped} and {@link #start() started} again on the same port,
 * for tests of what happens while Redis is down.
 *
 * <p>With a data directory the server appends every write to a file there and reloads it when
 * started again; without one it keeps nothing.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server that keeps nothing, on {@code port} (0 for any free port). */
    public static EmbeddedRedisServer start(int port) {
        return start(port, null);
    }

    /**
     * Starts a server on {@code port} (0 for any free port) that persists its data in
     * {@code dataDirectory} (created if missing), or keeps nothing if it is {@code null}.
     */
    public static EmbeddedRedisServer start(int port, Path dataDirectory) {
        FreePorts.requireValid("port", port);
        int boundPort = port == 0 ? FreePorts.pick() : port;
        try {
            EmbeddedRedisServer redis = new EmbeddedRedisServer(
                    RedisServer.newRedisServer()
                            .bind(HOST)
                            .port(boundPort)
                            .settingIf(dataDirectory == null, "save \"\"")
                            .settingIf(dataDirectory == null, "appendonly no")
                            .settingIf(dataDirectory != null, "dir \"" + directory(dataDirectory) + "\"")
                            .settingIf(dataDirectory != null, "appendonly yes")
                            .build(),
                    boundPort);
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + boundPort + " did not start", e);
        }
    }

    private static String directory(Path dataDirectory) throws IOException {
        return dataDirectory == null ? "" : Files.createDirectories(dataDirectory).toAbsolutePath().toString();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return server.isActive();
    }

    /** Starts the server again on the same port after {@link #stop()}; does nothing if it runs. */
    public void start() {
        try {
            if (!server.isActive()) {
                server.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not start", e);
        }
    }

    /** Stops the server and waits until its process has exited; does nothing if it is stopped. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not stop", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedRedisServer[" + HOST + ":" + port + "]";
    }
}
