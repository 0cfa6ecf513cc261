package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresFixtureIT {

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    @Test
    @Order(1)
    void firstTestInsertsAProvider() {
        POSTGRES.execute("INSERT INTO provider_configs (name, type) VALUES (?, ?)", "claude", "anthropic");

        assertThat(POSTGRES.queryLong("SELECT count(*) FROM provider_configs")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void secondTestStartsWithEmptyTablesAndRestartedIdentities() {
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM provider_configs")).isZero();

        POSTGRES.execute("INSERT INTO provider_configs (name, type) VALUES (?, ?)", "openai", "openai");

        assertThat(POSTGRES.queryLong("SELECT id FROM provider_configs WHERE name = ?", "openai")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void keepsTheMigrationHistory() {
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM databasechangelog")).isEqualTo(IsolatedSchemaIT.changeSets());
    }

    @Test
    void connectsToTheTestSchemaUnderTheTestApplicationName() throws SQLException {
        String configured = System.getenv(PostgresFixture.SCHEMA_VARIABLE);
        String schema = configured == null || configured.isBlank() ? PostgresFixture.DEFAULT_SCHEMA : configured;
        String applicationName = schema.equals(PostgresFixture.DEFAULT_SCHEMA)
                ? PostgresFixture.APPLICATION_NAME : PostgresFixture.APPLICATION_NAME + "-" + schema;

        assertThat(POSTGRES.schema()).isEqualTo(schema);
        assertThat(POSTGRES.applicationName()).isEqualTo(applicationName);
        assertThat(POSTGRES.jdbcUrl())
                .contains("currentSchema=" + schema)
                .contains("ApplicationName=" + applicationName);
        try (Connection connection = POSTGRES.dataSource().getConnection()) {
            assertThat(connection.getSchema()).isEqualTo(schema);
        }
        assertThat(POSTGRES.queryString("SELECT current_setting('application_name')")).isEqualTo(applicationName);
    }

    @Test
    void reportsAFailedStatementWithTheDriversReason() {
        POSTGRES.execute("INSERT INTO provider_configs (name, type) VALUES ('dup', 'mock')");

        assertThatThrownBy(() -> POSTGRES.execute("INSERT INTO provider_configs (name, type) VALUES ('dup', 'mock')"))
                .isInstanceOf(UncheckedSqlException.class)
                .hasMessageContaining("provider_configs_name_key")
                .hasMessageContaining("23505");
    }
}
