package dev.llmgateway.stream;

import static dev.llmgateway.stream.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.stream.health.ConsumerLag;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage-stream process killed with SIGKILL in the middle of its work (an open Kafka
 * transaction, a half-written batch): another instance takes over and every total comes out exact.
 * The killed process's consumers have a 10 s session timeout, so its partitions move on sooner.
 */
class UsageStreamCrashIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    /** About a minute on a loaded 2-core machine; {@code -Dfault.usage.events=10000} for a quicker run. */
    private static final int EVENTS = Integer.getInteger("fault.usage.events", 100_000);
    private static final int REDELIVERED = 2_000;
    private static final BigDecimal COST = new BigDecimal("0.000123");

    @TempDir
    Path dir;

    private final String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String user = run + "-user";

    @Test
    void aKilledProcessLosesAndDoublesNothing() throws Exception {
        long started = System.nanoTime();
        KafkaFactory kafka = kafka();
        try (Admin admin = kafka.buildAdmin(run + "-admin")) {
            new TopicInitializer(admin, kafka).createSharedTopics();
        }
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(usage(run + "-r" + i, "2026-11-24T12:00:00Z").user(user).cost(COST.toPlainString()).build());
        }
        send(events);
        long sentMs = elapsedMs(started);

        Process process = startProcess();
        try {
            await().atMost(DEADLINE).until(this::requestsInPostgres, requests -> requests > 0);
        } finally {
            process.destroyForcibly().waitFor();
        }
        long killedMs = elapsedMs(started);
        long countedAtKill = requestsInPostgres();
        long unreadAtKill = uncommittedInputOf(run + "-stream");
        send(redeliveries(events.subList(0, REDELIVERED)));

        UsageStream successor = new UsageStream(kafka,
                Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin()), settings("successor"));
        successor.start();
        try {
            // usage_daily and usage_records are fed from two topics and converge out of step: wait for both
            await().atMost(DEADLINE).until(() -> requestsInPostgres() == EVENTS && recordsInPostgres() == EVENTS);
        } finally {
            successor.stop();
        }
        long records = recordsInPostgres();
        String cost = POSTGRES.queryString("SELECT cost_usd::text FROM usage_daily WHERE user_id = ?", user);
        String tokens = POSTGRES.queryString(
                "SELECT input_tokens || '/' || output_tokens FROM usage_daily WHERE user_id = ?", user);
        System.out.printf("%nUsageStreamCrashIT figures%n"
                        + "  sent: %d usage events in %d ms, then %d redelivered with other values after the kill%n"
                        + "  killed -9 at %d ms with %d requests in Postgres and %d input records uncommitted%n"
                        + "  counted: usage_daily %d requests, cost %s, tokens in/out %s; usage_records %d rows; "
                        + "total %d ms%n",
                EVENTS, sentMs, REDELIVERED, killedMs, countedAtKill, unreadAtKill, requestsInPostgres(), cost, tokens,
                records, elapsedMs(started));

        assertThat(unreadAtKill).as("input left when the process was killed").isPositive();
        assertThat(cost).isEqualTo(COST.multiply(BigDecimal.valueOf(EVENTS)).setScale(12).toPlainString());
        assertThat(tokens).isEqualTo(10L * EVENTS + "/" + 20L * EVENTS);
        assertThat(records).isEqualTo(EVENTS);
    }

    private long recordsInPostgres() {
        return POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user);
    }

    private static long elapsedMs(long startedNanos) {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private Process startProcess() throws IOException {
        UsageStreamSettings settings = settings("killed");
        Path config = dir.resolve("usage-stream.yml");
        Files.writeString(config, String.join("\n",
                "server:",
                "  applicationConnectors: []",
                "  adminConnectors: [{type: http, port: 0}]",
                "database:",
                "  driverClass: org.postgresql.Driver",
                "  url: '" + POSTGRES.jdbcUrl() + "'",
                "  user: '" + POSTGRES.user() + "'",
                "  password: '" + POSTGRES.password() + "'",
                "  initialSize: 1",
                "  minSize: 1",
                "  maxSize: 2",
                "kafka:",
                "  bootstrapServers: '" + BROKER.bootstrapServers() + "'",
                "  requestPartitions: 3",
                "  consumer: {session.timeout.ms: '10000'}",
                "usageStream:",
                "  applicationId: " + settings.getApplicationId(),
                "  sinkGroupId: " + settings.getSinkGroupId(),
                "  stateDir: '" + settings.getStateDir() + "'",
                "logging:",
                "  level: WARN",
                ""));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, UsageStreamApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", run + "-process.log").toFile())
                .start();
    }

    private UsageStreamSettings settings(String instance) {
        UsageStreamSettings settings = new UsageStreamSettings();
        settings.setApplicationId(run + "-stream");
        settings.setSinkGroupId(run + "-sink");
        settings.setStateDir(dir.resolve(instance).toString());
        return settings;
    }

    private static KafkaFactory kafka() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(BROKER.bootstrapServers());
        kafka.setRequestPartitions(3);
        return kafka;
    }

    private long requestsInPostgres() {
        return POSTGRES.queryLong("SELECT COALESCE(sum(requests), 0)::bigint FROM usage_daily WHERE user_id = ?", user);
    }

    private static long uncommittedInputOf(String groupId) {
        try (Admin admin = kafka().buildAdmin("crash-it-lag")) {
            return new ConsumerLag(admin).of(groupId);
        }
    }

    private static List<UsageEvent> redeliveries(List<UsageEvent> events) {
        return events.stream().map(e -> new UsageEvent(e.requestId(), e.ts().plusSeconds(30), e.userId(), e.service(),
                e.provider(), e.model(), e.inputTokens() + 1, e.outputTokens() + 1, e.costUsd().add(BigDecimal.ONE),
                e.latencyMs(), e.cached(), e.status())).toList();
    }

    /** Sends in large batches, as the many workers of a busy gateway together would. */
    private void send(List<UsageEvent> events) throws InterruptedException, ExecutionException {
        KafkaFactory batching = kafka();
        batching.getProducer().put("linger.ms", "20");
        batching.getProducer().put("batch.size", Integer.toString(512 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = batching.buildProducer(run + "-producer")) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (UsageEvent event : events) {
                acks.add(producer.send(Topics.USAGE.record(event.requestId(), event)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }
}
