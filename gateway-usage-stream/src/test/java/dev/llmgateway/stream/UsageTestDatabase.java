package dev.llmgateway.stream;

import dev.llmgateway.core.db.SchemaMigrator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The local Postgres, in a schema of this module's own ({@value #SCHEMA}), migrated once and
 * emptied by {@link #truncate()}. Stand-in until the shared test kit's {@code PostgresFixture} lands.
 */
public final class UsageTestDatabase {
    public static final String SCHEMA = "llm_gateway_usage_test";
    private static final String SERVER_URL = System.getenv().getOrDefault(
            "GATEWAY_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private final PGSimpleDataSource dataSource;
    private final Jdbi jdbi;

    private UsageTestDatabase() {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(SERVER_URL);
        dataSource.setCurrentSchema(SCHEMA);
        dataSource.setApplicationName("llm-gateway-usage-test");
        jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Drops what an earlier run left and migrates a fresh schema. */
    public static UsageTestDatabase create() {
        UsageTestDatabase database = new UsageTestDatabase();
        database.drop();
        SchemaMigrator.migrate(database.dataSource, SCHEMA);
        return database;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    public long queryLong(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    public String queryString(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    public List<String> queryStrings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    public void truncate() {
        jdbi.useHandle(h -> h.execute("TRUNCATE usage_records, usage_daily"));
    }

    public void drop() {
        jdbi.useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
    }
}
