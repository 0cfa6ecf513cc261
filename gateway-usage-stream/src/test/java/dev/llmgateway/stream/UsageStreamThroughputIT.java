package dev.llmgateway.stream;

import static dev.llmgateway.stream.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast a backlog of usage events reaches Postgres, broker and Postgres on this machine.
 * Runs only when asked: {@code ./mvnw -B -pl gateway-usage-stream -am verify -Dusage.benchmark=true
 * -Dit.test=UsageStreamThroughputIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false}
 * ({@code -Dusage.benchmark.events=N}, default 200,000; {@code -Dusage.benchmark.rewriteBatches=true} for
 * pgjdbc's multi-row inserts).
 */
@EnabledIfSystemProperty(named = "usage.benchmark", matches = "true")
class UsageStreamThroughputIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    private static final Logger LOG = LoggerFactory.getLogger(UsageStreamThroughputIT.class);
    private static final KafkaBroker BROKER = KafkaBroker.shared();

    @TempDir
    Path stateDir;

    @Test
    void measuresEventsPerSecondIntoPostgres() throws InterruptedException {
        int events = Integer.getInteger("usage.benchmark.events", 200_000);
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(BROKER.bootstrapServers());
        kafka.setRequestPartitions(3);
        try (Admin admin = kafka.buildAdmin(run + "-admin")) {
            new TopicInitializer(admin, kafka).createSharedTopics();
        }
        AtomicLong unsent = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = kafka.buildProducer(run + "-producer")) {
            for (int i = 0; i < events; i++) {
                UsageEvent event = usage(run + "-r" + i, "2026-11-24T12:00:00Z").user(run + "-u" + (i % 49))
                        .service("s" + (i % 3)).model("claude", "m" + (i % 2)).cost("0.000123").build();
                producer.send(Topics.USAGE.record(event.requestId(), event), (metadata, error) -> {
                    if (error != null) {
                        unsent.incrementAndGet();
                    }
                });
            }
        }
        assertThat(unsent).as("events the broker did not take").hasValue(0);

        UsageStreamSettings settings = new UsageStreamSettings();
        settings.setApplicationId(run + "-stream");
        settings.setSinkGroupId(run + "-sink");
        settings.setStateDir(stateDir.toString());
        settings.setLagInterval(io.dropwizard.util.Duration.seconds(5));
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(POSTGRES.jdbcUrl());
        postgres.setUser(POSTGRES.user());
        postgres.setPassword(POSTGRES.password());
        postgres.setReWriteBatchedInserts(Boolean.getBoolean("usage.benchmark.rewriteBatches"));
        UsageStream stream = new UsageStream(kafka, Jdbi.create(postgres).installPlugin(new SqlObjectPlugin()),
                settings);
        Instant start = Instant.now();
        stream.start();
        try {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE request_id LIKE ?",
                            run + "-%") == events);
            Duration records = Duration.between(start, Instant.now());
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> POSTGRES.queryLong("SELECT COALESCE(sum(requests), 0)::bigint FROM usage_daily"
                            + " WHERE user_id LIKE ?", run + "-%") == events);
            Duration totals = Duration.between(start, Instant.now());

            LOG.info("{} usage events: usage_records complete after {} ms ({} events/s), usage_daily totals after {} ms"
                    + " ({} events/s)", events, records.toMillis(), events * 1000L / records.toMillis(),
                    totals.toMillis(), events * 1000L / totals.toMillis());
            assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_daily WHERE user_id LIKE ?", run + "-%"))
                    .isEqualTo(49 * 3 * 2);
        } finally {
            stream.stop();
        }
    }
}
