package dev.llmgateway.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.GatewayCli;
import dev.llmgateway.testkit.PostgresFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar gateway-api.jar db migrate|status config.yml} against a schema that does not exist yet. */
class DbCommandsIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    @TempDir
    Path dir;

    private String schema;
    private Path config;

    @BeforeEach
    void noSchemaYet() {
        schema = POSTGRES.schema() + "_dbcli";
        dropSchema();
        config = GatewayCli.config(dir, POSTGRES, schema, null);
    }

    @AfterEach
    void dropSchema() {
        POSTGRES.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void migrateCreatesTheSchemaAndEveryTable() {
        GatewayCli.Result result = GatewayCli.run("db", "migrate", config.toString());

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name IN ('provider_configs', 'customer_overrides', 'usage_records', 'usage_daily', 'jobs', "
                + "'databasechangelog')", schema)).isEqualTo(6);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = 'provider_configs' AND column_name = 'api_key_hint'", schema)).isEqualTo(1);
    }

    @Test
    void migratingTwiceChangesNothing() {
        assertThat(GatewayCli.run("db", "migrate", config.toString()).succeeded()).isTrue();
        long applied = POSTGRES.queryLong("SELECT count(*) FROM " + schema + ".databasechangelog");

        GatewayCli.Result again = GatewayCli.run("db", "migrate", config.toString());

        assertThat(again.succeeded()).as(again.toString()).isTrue();
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM " + schema + ".databasechangelog")).isEqualTo(applied);
    }

    @Test
    void statusListsPendingChangeSetsThenNoneAfterMigrate() {
        assertThat(GatewayCli.run("db", "migrate", config.toString(), "--count", "1").succeeded()).isTrue();

        GatewayCli.Result pending = GatewayCli.run("db", "status", config.toString());
        assertThat(GatewayCli.run("db", "migrate", config.toString()).succeeded()).isTrue();
        GatewayCli.Result upToDate = GatewayCli.run("db", "status", config.toString());

        assertThat(pending.succeeded()).as(pending.toString()).isTrue();
        assertThat(pending.out()).contains("have not been applied");
        assertThat(upToDate.succeeded()).as(upToDate.toString()).isTrue();
        assertThat(upToDate.out()).contains("up to date");
    }

    @Test
    void statusBeforeTheFirstMigrateSaysTheSchemaIsMissing() {
        GatewayCli.Result result = GatewayCli.run("db", "status", config.toString());

        assertThat(result.failure().orElseThrow()).hasMessage("schema '" + schema + "' does not exist yet; 'db migrate' creates it");
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", schema))
                .isZero();
    }
}
