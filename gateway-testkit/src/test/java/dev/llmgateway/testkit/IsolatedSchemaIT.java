package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.core.db.SchemaMigrator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        String otherApplication = POSTGRES.jdbcUrl()
                .replace("ApplicationName=" + POSTGRES.applicationName(), "ApplicationName=other");
        try (Connection leftover = POSTGRES.dataSource().getConnection();
                Connection someoneElse = DriverManager.getConnection(otherApplication, POSTGRES.user(), POSTGRES.password())) {
            holdLockOnProviders(leftover);

            new IsolatedSchema(POSTGRES.schema(), POSTGRES.applicationName(), POSTGRES.dataSource()).recreate();

            assertThat(leftover.isValid(2)).isFalse();
            assertThat(someoneElse.isValid(2)).isTrue();
        }
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM databasechangelog")).isEqualTo(changeSets());
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM provider_configs")).isZero();
    }

    /** An open transaction holding a lock that would block DROP SCHEMA. */
    private static void holdLockOnProviders(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE provider_configs IN ACCESS SHARE MODE");
        }
    }

    /** As many change sets as the changelog includes files (one change set each). */
    static long changeSets() {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(SchemaMigrator.CHANGELOG)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("<include ", -1).length - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
