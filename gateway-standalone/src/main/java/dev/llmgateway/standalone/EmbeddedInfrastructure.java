package dev.llmgateway.standalone;

import dev.llmgateway.embedded.EmbeddedKafkaBroker;
import dev.llmgateway.embedded.EmbeddedPostgresServer;
import dev.llmgateway.embedded.EmbeddedRedisServer;
import io.dropwizard.lifecycle.Managed;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the standalone process runs itself: Kafka always, Postgres and Redis when the
 * environment names none (on free ports, so they never collide with servers already running).
 * Started before Dropwizard reads its configuration, which points at them; managed first, so they
 * are stopped last, after the API, the worker and the usage stream have finished with them.
 */
public final class EmbeddedInfrastructure implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafkaBroker kafka;
    private final Optional<EmbeddedPostgresServer> postgres;
    private final Optional<EmbeddedRedisServer> redis;
    private final String jdbcUrl;
    private final String redisUri;

    private EmbeddedInfrastructure(EmbeddedKafkaBroker kafka, Optional<EmbeddedPostgresServer> postgres, String jdbcUrl,
            Optional<EmbeddedRedisServer> redis, String redisUri) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.redis = redis;
        this.redisUri = redisUri;
    }

    public static EmbeddedInfrastructure start(StandaloneSettings settings) {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), 0);
        Optional<EmbeddedPostgresServer> postgres = Optional.empty();
        try {
            String jdbcUrl;
            if (settings.databaseUrl().isPresent()) {
                jdbcUrl = settings.databaseUrl().get();
            } else {
                postgres = Optional.of(EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres")));
                jdbcUrl = postgres.get().jdbcUrl("postgres") + "?currentSchema=llm_gateway";
            }
            Optional<EmbeddedRedisServer> redis = Optional.empty();
            String redisUri;
            if (settings.redisUrl().isPresent()) {
                redisUri = settings.redisUrl().get();
            } else {
                redis = Optional.of(EmbeddedRedisServer.start(0, settings.dataDir().resolve("redis")));
                redisUri = "redis://127.0.0.1:" + redis.get().port() + "/0";
            }
            return new EmbeddedInfrastructure(kafka, postgres, jdbcUrl, redis, redisUri);
        } catch (RuntimeException e) {
            postgres.ifPresent(EmbeddedPostgresServer::close);
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
        return EmbeddedPostgresServer.USER;
    }

    public String redisUri() {
        return redisUri;
    }

    public boolean embeddedPostgres() {
        return postgres.isPresent();
    }

    public boolean embeddedRedis() {
        return redis.isPresent();
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
            try {
                redis.ifPresent(EmbeddedRedisServer::close);
            } finally {
                postgres.ifPresent(EmbeddedPostgresServer::close);
            }
        }
    }
}
