package dev.llmgateway.api.cli;

import com.codahale.metrics.MetricRegistry;
import dev.llmgateway.api.GatewayConfiguration;
import dev.llmgateway.core.db.SchemaMigrator;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.DbCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code db} commands ({@code migrate}, {@code status}, ...) on the configured
 * {@code schema} (or {@code --schema}), with two additions: {@code db migrate} first creates the
 * schema, which Liquibase will not do, and the other subcommands say plainly when it does not
 * exist yet instead of failing to create Liquibase's tables in it.
 */
public final class GatewayDbCommand extends DbCommand<GatewayConfiguration> {

    public GatewayDbCommand() {
        super("db", GatewayConfiguration::getDatabase, GatewayConfiguration.class, SchemaMigrator.CHANGELOG);
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace, GatewayConfiguration config)
            throws Exception {
        if (namespace.getString("schema") == null) {
            namespace.getAttrs().put("schema", config.getSchema());
        }
        String schema = SchemaMigrator.requireValidSchemaName(namespace.getString("schema"));
        ManagedDataSource dataSource = config.getDatabase().build(new MetricRegistry(), "db-schema");
        try {
            if ("migrate".equals(namespace.getString("subcommand"))) {
                SchemaMigrator.createSchemaIfMissing(dataSource, schema);
            } else if (!exists(dataSource, schema)) {
                throw new IllegalStateException("schema '" + schema + "' does not exist yet; 'db migrate' creates it");
            }
        } finally {
            dataSource.stop();
        }
        super.run(bootstrap, namespace, config);
    }

    private static boolean exists(ManagedDataSource dataSource, String schema) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
