package dev.llmgateway.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings a Postgres schema up to date with the gateway's Liquibase changelog
 * ({@value #CHANGELOG} on the classpath, the same file {@code dropwizard-migrations} runs).
 *
 * <p>The tables, and Liquibase's own {@code databasechangelog} and {@code databasechangeloglock},
 * are created in the given schema; the changelog never qualifies a table name. Applications
 * therefore select the schema per connection with pgjdbc's {@code currentSchema} URL parameter,
 * which sets {@code search_path}, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=llm_gateway}.
 *
 * <p>Migrating an up-to-date schema is a no-op, and concurrent migrators are serialised by
 * Liquibase's lock table.
 */
public final class SchemaMigrator {

    /** Classpath location of the master changelog. */
    public static final String CHANGELOG = "db/changelog.xml";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SchemaMigrator() {
    }

    /**
     * Creates {@code schema} if missing and applies every pending change set to it,
     * on a connection of {@code dataSource} that is closed afterwards.
     *
     * @throws IllegalArgumentException if {@code schema} is not a plain lower-case identifier
     * @throws MigrationException if the database refuses a change
     */
    public static void migrate(DataSource dataSource, String schema) {
        requireValidSchemaName(schema);
        try (Connection connection = dataSource.getConnection()) {
            migrate(connection, schema);
        } catch (SQLException e) {
            throw new MigrationException("cannot connect to migrate schema " + schema, e);
        }
    }

    /**
     * Creates {@code schema} if missing and applies every pending change set to it, on the
     * given connection, which is left open. The connection's auto-commit mode may be changed.
     *
     * @throws IllegalArgumentException if {@code schema} is not a plain lower-case identifier
     * @throws MigrationException if the database refuses a change
     */
    public static void migrate(Connection connection, String schema) {
        requireValidSchemaName(schema);
        try {
            createSchemaIfMissing(connection, schema);
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName(schema);
            database.setLiquibaseSchemaName(schema);
            Scope.child(liquibaseScope(), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute());
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException("migration of schema " + schema + " failed", e);
        }
    }

    /**
     * Returns {@code schema} if it is a plain lower-case identifier that needs no quoting.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireValidSchemaName(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "schema name must match " + SCHEMA_NAME.pattern() + ", was: " + schema);
        }
        return schema;
    }

    private static void createSchemaIfMissing(Connection connection, String schema) {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new MigrationException("cannot create schema " + schema, e);
        }
    }

    private static Map<String, Object> liquibaseScope() {
        return Map.of(
                Scope.Attr.resourceAccessor.name(),
                new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()),
                Scope.Attr.ui.name(), new LoggerUIService(),
                AnalyticsArgs.ENABLED.getKey(), false);
    }
}
