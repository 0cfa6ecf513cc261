package dev.llmgateway.testkit;

import dev.llmgateway.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the tests' PostgreSQL is: a JDBC URL without schema, and its credentials. */
record PostgresServer(String url, String user, String password) {

    static final String URL_VARIABLE = "GATEWAY_TEST_DATABASE_URL";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DEFAULT_USER = "postgres";

    /**
     * The server named by {@value #URL_VARIABLE}, else the local one on 127.0.0.1:5432 when it
     * answers, else a temporary embedded server stopped by a shutdown hook.
     */
    static PostgresServer locate() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return fromUrl(configured);
        }
        PostgresServer local = new PostgresServer(LOCAL_URL, DEFAULT_USER, "");
        if (local.answers()) {
            return local;
        }
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-postgres-stop"));
        LOG.info("No PostgreSQL on 127.0.0.1:5432; tests use an embedded one on port {}", embedded.port());
        return new PostgresServer(embedded.jdbcUrl("postgres"), embedded.user(), "");
    }

    static PostgresServer fromUrl(String url) {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a PostgreSQL JDBC URL: " + url);
        }
        return new PostgresServer(url, parsed.getProperty("user", DEFAULT_USER), parsed.getProperty("password", ""));
    }

    /** This URL with extra query parameters ({@code name=value} pairs, already encoded). */
    String urlWith(String parameters) {
        return url + (url.contains("?") ? "&" : "?") + parameters;
    }

    private boolean answers() {
        try (Connection ignored = DriverManager.getConnection(urlWith("connectTimeout=2"), user, password)) {
            return true;
        } catch (SQLException e) {
            LOG.debug("PostgreSQL at {} does not answer: {}", url, e.getMessage());
            return false;
        }
    }
}
