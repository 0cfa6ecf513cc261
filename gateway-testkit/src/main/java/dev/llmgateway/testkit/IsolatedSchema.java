package dev.llmgateway.testkit;

import dev.llmgateway.core.db.SchemaMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The schema that tests own. Every statement here is limited to it: connections are recognised
 * by their application name, tables by their schema.
 */
final class IsolatedSchema {

    private static final List<String> LIQUIBASE_TABLES = List.of("databasechangelog", "databasechangeloglock");

    private final String name;
    private final String applicationName;
    private final DataSource dataSource;

    IsolatedSchema(String name, String applicationName, DataSource dataSource) {
        this.name = name;
        this.applicationName = applicationName;
        this.dataSource = dataSource;
    }

    /** Ends leftover test connections, drops the schema and migrates it afresh. */
    void recreate() {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND application_name = ?"
                            + " AND pid <> pg_backend_pid()")) {
                terminate.setString(1, applicationName);
                terminate.executeQuery().close();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = '30s'");
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
            SchemaMigrator.migrate(connection, name);
        } catch (SQLException e) {
            throw new UncheckedSqlException("cannot recreate schema " + name, e);
        }
    }

    /** Empties every table but Liquibase's and restarts their sequences. */
    void truncate() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = tables(connection);
            if (tables.isEmpty()) {
                return;
            }
            // a test that left a transaction open must fail here, not hang the build
            statement.execute("SET lock_timeout = '10s'");
            statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new UncheckedSqlException("cannot truncate the tables of schema " + name, e);
        }
    }

    private List<String> tables(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables"
                        + " WHERE schemaname = ? AND tablename <> ALL (?) ORDER BY tablename")) {
            query.setString(1, name);
            query.setArray(2, connection.createArrayOf("text", LIQUIBASE_TABLES.toArray()));
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        }
    }
}
