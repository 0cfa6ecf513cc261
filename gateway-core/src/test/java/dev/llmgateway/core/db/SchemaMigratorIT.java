package dev.llmgateway.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Runs the changelog against the local Postgres, in a schema of its own. */
class SchemaMigratorIT {

    /** Beside the engineer's own test schema when GATEWAY_TEST_SCHEMA names one, so parallel runs do not collide. */
    private static final String SCHEMA = System.getenv("GATEWAY_TEST_SCHEMA") == null
            ? "schema_migrator_it" : System.getenv("GATEWAY_TEST_SCHEMA") + "_migrator";
    private static final String SERVER_URL = System.getenv().getOrDefault(
            "GATEWAY_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void migrateFreshSchema() throws SQLException {
        dropSchema();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(SERVER_URL);
        dataSource.setCurrentSchema(SCHEMA);
        SchemaMigrator.migrate(dataSource, SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        execute("TRUNCATE customer_overrides, provider_configs, usage_records, usage_daily, jobs");
    }

    @Test
    void createsEveryTableInTheGivenSchema() throws SQLException {
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", SCHEMA))
                .containsExactlyInAnyOrder("provider_configs", "customer_overrides", "usage_records",
                        "usage_daily", "jobs", "databasechangelog", "databasechangeloglock");
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        List<String> before = strings("SELECT id || '@' || dateexecuted FROM databasechangelog ORDER BY orderexecuted");

        SchemaMigrator.migrate(dataSource, SCHEMA);

        assertThat(before).hasSize(includedChangelogs());
        assertThat(strings("SELECT id || '@' || dateexecuted FROM databasechangelog ORDER BY orderexecuted"))
                .isEqualTo(before);
    }

    @Test
    void rejectsADuplicateProviderName() throws SQLException {
        insertProvider("claude");

        assertThatThrownBy(() -> insertProvider("claude"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("provider_configs_name_key");
    }

    @Test
    void rejectsAnUnknownProviderType() {
        assertThatThrownBy(() -> execute("INSERT INTO provider_configs (name, type) VALUES ('x', 'gemini')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("provider_configs_type_check");
    }

    @Test
    void treatsANullServiceAsAValueInOverrideUniqueness() throws SQLException {
        insertProvider("claude");
        execute("INSERT INTO customer_overrides (user_id, service_name, provider_name) VALUES ('u1', NULL, 'claude')");
        execute("INSERT INTO customer_overrides (user_id, service_name, provider_name) VALUES ('u1', 'svc', 'claude')");

        assertThatThrownBy(() -> execute(
                "INSERT INTO customer_overrides (user_id, service_name, provider_name) VALUES ('u1', NULL, 'claude')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("customer_overrides_user_service_key");
    }

    @Test
    void overridesFollowARenamedProviderAndBlockItsDeletion() throws SQLException {
        insertProvider("claude");
        execute("INSERT INTO customer_overrides (user_id, provider_name) VALUES ('u1', 'claude')");

        execute("UPDATE provider_configs SET name = 'anthropic' WHERE name = 'claude'");

        assertThat(strings("SELECT provider_name FROM customer_overrides")).containsExactly("anthropic");
        assertThatThrownBy(() -> execute("DELETE FROM provider_configs"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("customer_overrides_provider_name_fkey");
    }

    @Test
    void refusesASchemaNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> SchemaMigrator.migrate(dataSource, "x; DROP SCHEMA public"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x; DROP SCHEMA public");
    }

    private static int includedChangelogs() {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(SchemaMigrator.CHANGELOG)) {
            String changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return changelog.split("<include ", -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void insertProvider(String name) throws SQLException {
        execute("INSERT INTO provider_configs (name, type, models) VALUES ('" + name + "', 'anthropic', '{m1}')");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> strings(String sql, Object... args) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    }
}
