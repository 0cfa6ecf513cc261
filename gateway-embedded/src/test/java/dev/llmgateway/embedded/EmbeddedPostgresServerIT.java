package dev.llmgateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @TempDir
    Path dataDirectory;

    @Test
    void servesSqlOnATemporaryCluster() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary();
                Connection connection = connect(postgres)) {
            assertThat(postgres.jdbcUrl("postgres")).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
            assertThat(queryString(connection, "SELECT current_user")).isEqualTo("postgres");
        }
    }

    @Test
    void keepsDataAcrossARestartOnTheSameDirectory() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory);
                Connection connection = connect(postgres);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value TEXT)");
            statement.execute("INSERT INTO kept VALUES ('before restart')");
        }

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDirectory);
                Connection connection = connect(restarted)) {
            assertThat(queryString(connection, "SELECT value FROM kept")).isEqualTo("before restart");
        }
    }

    @Test
    void stopsAndStartsAgainOnTheSameDirectoryAndPort() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory)) {
            try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (value TEXT)");
                statement.execute("INSERT INTO kept VALUES ('before stop')");
            }
            int port = postgres.port();

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(postgres)).isInstanceOf(SQLException.class);
            postgres.start();

            assertThat(postgres.port()).isEqualTo(port);
            try (Connection connection = connect(postgres)) {
                assertThat(queryString(connection, "SELECT value FROM kept")).isEqualTo("before stop");
            }
        }
    }

    private static Connection connect(EmbeddedPostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), "");
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
