package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IsolatedSchemaIT {

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    @Test
    void recreatingEndsLeftoverTestConnectionsOnlyAndMigratesAfresh() throws SQLException {
        String otherApplication = POSTGRES.jdbcUrl().replace("ApplicationName=llm-gateway-test", "ApplicationName=other");
        try (Connection leftover = POSTGRES.dataSource().getConnection();
                Connection someoneElse = DriverManager.getConnection(otherApplication, POSTGRES.user(), POSTGRES.password())) {
            holdLockOnProviders(leftover);

            new IsolatedSchema(POSTGRES.schema(), PostgresFixture.APPLICATION_NAME, POSTGRES.dataSource()).recreate();

            assertThat(leftover.isValid(2)).isFalse();
            assertThat(someoneElse.isValid(2)).isTrue();
        }
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM databasechangelog")).isEqualTo(5);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM provider_configs")).isZero();
    }

    /** An open transaction holding a lock that would block DROP SCHEMA. */
    private static void holdLockOnProviders(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE provider_configs IN ACCESS SHARE MODE");
        }
    }
}
