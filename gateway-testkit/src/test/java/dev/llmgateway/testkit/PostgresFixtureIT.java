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
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM databasechangelog")).isEqualTo(5);
    }

    @Test
    void connectsToTheTestSchemaUnderTheTestApplicationName() throws SQLException {
        assertThat(POSTGRES.schema()).isEqualTo("llm_gateway_test");
        assertThat(POSTGRES.jdbcUrl())
                .contains("currentSchema=llm_gateway_test")
                .contains("ApplicationName=llm-gateway-test");
        try (Connection connection = POSTGRES.dataSource().getConnection()) {
            assertThat(connection.getSchema()).isEqualTo("llm_gateway_test");
        }
        assertThat(POSTGRES.queryString("SELECT current_setting('application_name')")).isEqualTo("llm-gateway-test");
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
