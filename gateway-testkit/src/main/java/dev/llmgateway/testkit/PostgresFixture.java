package dev.llmgateway.testkit;

import dev.llmgateway.core.db.SchemaMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL for tests, isolated in the schema {@value #DEFAULT_SCHEMA} (or {@code GATEWAY_TEST_SCHEMA}):
 * <pre>{@code @RegisterExtension static final PostgresFixture POSTGRES = PostgresFixture.shared();}</pre>
 *
 * <p>Once per JVM it finds a server ({@code GATEWAY_TEST_DATABASE_URL}, else 127.0.0.1:5432
 * database {@code postgres} user {@code postgres} when it answers, else an embedded server),
 * terminates the leftover connections of earlier test runs (recognised by their
 * {@code ApplicationName}), drops and recreates the schema and applies the migrations. Before every
 * test it truncates every table of the schema except Liquibase's, restarting identities. Nothing
 * outside the schema is touched.
 *
 * <p>Connect with {@link #jdbcUrl()}, {@link #user()} and {@link #password()}, or {@link #dataSource()}:
 * the URL selects the schema through pgjdbc's {@code currentSchema} and names the connection.
 * Thread-safe.
 */
public final class PostgresFixture implements BeforeAllCallback, BeforeEachCallback {

    public static final String DEFAULT_SCHEMA = "llm_gateway_test";
    /** The {@code ApplicationName} of every test connection to the default schema. */
    public static final String APPLICATION_NAME = "llm-gateway-test";
    static final String SCHEMA_VARIABLE = "GATEWAY_TEST_SCHEMA";

    private static final PostgresFixture SHARED = new PostgresFixture();

    private Ready ready;

    private PostgresFixture() {
    }

    public static PostgresFixture shared() {
        return SHARED;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ready();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        truncateAll();
    }

    /** Empties every table of the schema but Liquibase's; runs before each test by itself. */
    public void truncateAll() {
        ready().schema.truncate();
    }

    /** JDBC URL of the test schema, with {@code currentSchema} and {@code ApplicationName} set. */
    public String jdbcUrl() {
        return ready().jdbcUrl;
    }

    public String user() {
        return ready().server.user();
    }

    public String password() {
        return ready().server.password();
    }

    public String schema() {
        return ready().schemaName;
    }

    /** A non-pooling data source of the test schema. */
    public DataSource dataSource() {
        return ready().dataSource;
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement with {@code ?} parameters; returns the row count. */
    public int execute(String sql, Object... args) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = prepare(connection, sql, args)) {
            statement.execute();
            return Math.max(statement.getUpdateCount(), 0);
        } catch (SQLException e) {
            throw new UncheckedSqlException(sql, e);
        }
    }

    /** The first column of the single row {@code sql} returns, as a long; NULL is an error. */
    public long queryLong(String sql, Object... args) {
        return queryValue(sql, args, Long.class);
    }

    /** The first column of the single row {@code sql} returns, as a string (or null). */
    public String queryString(String sql, Object... args) {
        return queryValue(sql, args, String.class);
    }

    private <T> T queryValue(String sql, Object[] args, Class<T> type) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            T value = rows.getObject(1, type);
            if (rows.next()) {
                throw new IllegalStateException("more than one row from: " + sql);
            }
            if (value == null && type == Long.class) {
                throw new IllegalStateException("NULL from: " + sql);
            }
            return value;
        } catch (SQLException e) {
            throw new UncheckedSqlException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    private synchronized Ready ready() {
        if (ready == null) {
            ready = new Ready(PostgresServer.locate(), schemaName());
            ready.schema.recreate();
        }
        return ready;
    }

    private static String schemaName() {
        String configured = System.getenv(SCHEMA_VARIABLE);
        return configured == null || configured.isBlank()
                ? DEFAULT_SCHEMA : SchemaMigrator.requireValidSchemaName(configured);
    }

    /** Everything known once the server is found. */
    private static final class Ready {

        final PostgresServer server;
        final String schemaName;
        final String jdbcUrl;
        final DataSource dataSource;
        final IsolatedSchema schema;

        Ready(PostgresServer server, String schemaName) {
            String applicationName = schemaName.equals(DEFAULT_SCHEMA)
                    ? APPLICATION_NAME : APPLICATION_NAME + "-" + schemaName;
            this.server = server;
            this.schemaName = schemaName;
            this.jdbcUrl = server.urlWith("currentSchema=" + schemaName + "&ApplicationName=" + applicationName);
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(jdbcUrl);
            source.setUser(server.user());
            source.setPassword(server.password());
            this.dataSource = source;
            this.schema = new IsolatedSchema(schemaName, applicationName, source);
        }
    }
}
