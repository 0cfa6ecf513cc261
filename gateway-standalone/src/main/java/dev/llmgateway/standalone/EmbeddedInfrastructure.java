package dev.llmgateway.standalone;

import dev.llmgateway.embedded.EmbeddedKafkaBroker;
import dev.llmgateway.embedded.EmbeddedPostgresServer;
import io.dropwizard.lifecycle.Managed;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the standalone process runs itself. Started before Dropwizard reads its
 * configuration (which points at them); managed first, so they are stopped last, after the API,
 * the worker and the usage stream have finished with them.
 */
public final class EmbeddedInfrastructure implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafkaBroker kafka;
    private final Optional<EmbeddedPostgresServer> postgres;
    private final String jdbcUrl;
    private final String databaseUser;

    public EmbeddedInfrastructure(EmbeddedKafkaBroker kafka, Optional<EmbeddedPostgresServer> postgres, String jdbcUrl,
            String databaseUser) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.databaseUser = databaseUser;
    }

    public static EmbeddedInfrastructure start(StandaloneSettings settings) {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), 0);
        if (settings.databaseUrl().isPresent()) {
            return new EmbeddedInfrastructure(kafka, Optional.empty(), settings.databaseUrl().get(), "postgres");
        }
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres"));
            return new EmbeddedInfrastructure(kafka, Optional.of(postgres),
                    postgres.jdbcUrl("postgres") + "?currentSchema=llm_gateway", postgres.user());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    public boolean embeddedPostgres() {
        return postgres.isPresent();
    }

    @Override
    public void start() {
        // already running: the configuration needed their addresses
    }

    @Override
    public void stop() {
        LOG.info("Stopping embedded servers");
        try {
            kafka.close();
        } finally {
            postgres.ifPresent(EmbeddedPostgresServer::close);
        }
    }
}
