package dev.llmgateway.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.stream.UsageStream;
import dev.llmgateway.stream.UsageStreamSettings;
import dev.llmgateway.stream.health.ConsumerLag;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with SIGKILL in the middle of 10,000 batch jobs from a plain producer,
 * then a new worker process started: every job is answered on its reply topic, none is lost, and
 * the usage stream (in this JVM) counts each exactly once. Jobs the killed worker had answered but
 * not yet committed are answered again: replies are at least once, usage is exact.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkerCrashIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();
    private static final KafkaBroker BROKER = KafkaBroker.shared();
    /** Generous: other builds load the 2 cores; a run here takes about a minute. */
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final int JOBS = 10_000;
    private static final int ANSWERED_BEFORE_KILL = 1_000;
    private static final int PARTITIONS = 4;
    /** With 2 consumers of 50 jobs in flight each, at most 1,000 jobs/s: the kill lands mid-run. */
    private static final int MOCK_LATENCY_MS = 100;

    @TempDir
    Path dir;

    private final String run = "worker-crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String user = run + "-user";
    private final String workers = run + "-workers";
    private final String replyTopic = run + "-replies";
    private UsageStreamSettings usageSettings;

    @Test
    void aWorkerKilledMidRunLosesNoJobAndUsageCountsEachOnce() throws Exception {
        usageSettings = usageSettings();
        KafkaFactory kafka = kafka();
        try (Admin admin = kafka.buildAdmin(run + "-admin")) {
            new TopicInitializer(admin, kafka).createSharedTopics();
            startWorkersAtTheEndOfRequests(admin);
        }
        BROKER.createTopic(replyTopic, PARTITIONS);
        POSTGRES.execute("INSERT INTO provider_configs (name, type, base_url, models, default_model, is_enabled, "
                + "priority, timeout_ms, max_retries) VALUES ('mock', 'mock', ?, '{mock-1}', 'mock-1', true, 1, 5000, 0)",
                "mock://?latency_ms=" + MOCK_LATENCY_MS);
        UsageStream usage = new UsageStream(kafka, Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin()),
                usageSettings);
        usage.start();
        WorkerProcess worker = WorkerProcess.configure(dir, POSTGRES, REDIS.uri(), BROKER, workers, 2, 50);
        Process killed = worker.start(Path.of("target", run + "-killed.log"));
        Process successor = null;
        try (ReplyTail replies = ReplyTail.start(BROKER, replyTopic, id -> "corr-" + id);
                Admin admin = kafka.buildAdmin(run + "-observer")) {
            await().atMost(DEADLINE).until(() -> workersAssigned(admin, 2));

            long started = System.nanoTime();
            long sendErrors = send();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10))
                    .until(replies::answered, answered -> answered >= ANSWERED_BEFORE_KILL);
            killed.destroyForcibly().waitFor();
            long killedAtMs = elapsedMs(started);
            int answeredAtKill = replies.answered();

            successor = worker.start(Path.of("target", run + "-successor.log"));
            await().atMost(DEADLINE).until(replies::answered, answered -> answered == JOBS);
            long answeredAtMs = elapsedMs(started);
            await().atMost(DEADLINE).until(() -> usageRecords() == JOBS && everythingCommitted(admin));
            long countedAtMs = elapsedMs(started);

            long usageDaily = POSTGRES.queryLong(
                    "SELECT COALESCE(sum(requests), 0)::bigint FROM usage_daily WHERE user_id = ?", user);
            long failedDaily = POSTGRES.queryLong(
                    "SELECT COALESCE(sum(failed_requests), 0)::bigint FROM usage_daily WHERE user_id = ?", user);
            System.out.printf("%nWorkerCrashIT figures%n"
                            + "  sent: %d jobs (%d send errors), mock provider %d ms, worker killed -9 at %d ms%n"
                            + "  answered when killed: %d distinct ids; all answered at %d ms%n"
                            + "  answered: %d distinct correlation ids, %d replies (%d duplicates), lost: %d%n"
                            + "  errors by kind: %s, replies with a wrong correlation id: %d%n"
                            + "  usage counted (at %d ms): usage_records %d rows, usage_daily %d requests (%d failed)%n",
                    JOBS, sendErrors, MOCK_LATENCY_MS, killedAtMs, answeredAtKill, answeredAtMs, replies.answered(),
                    replies.replies(), replies.duplicates(), JOBS - replies.answered(), replies.failuresByType(),
                    replies.uncorrelated(), countedAtMs, usageRecords(), usageDaily, failedDaily);

            assertThat(sendErrors).as("jobs the producer could not send").isZero();
            assertThat(answeredAtKill).as("jobs answered when the worker was killed").isLessThan(JOBS);
            assertThat(replies.answered()).as("distinct ids answered").isEqualTo(JOBS);
            assertThat(replies.failuresByType()).as("failed replies by error type").isEmpty();
            assertThat(replies.uncorrelated()).as("replies without their correlation id").isZero();
            assertThat(usageRecords()).as("usage_records rows").isEqualTo(JOBS);
            assertThat(usageDaily).as("usage_daily requests").isEqualTo(JOBS);
            assertThat(failedDaily).as("usage_daily failed requests").isZero();
        } finally {
            killed.destroyForcibly().waitFor();
            if (successor != null) {
                successor.destroy();
                if (!successor.waitFor(30, TimeUnit.SECONDS)) {
                    successor.destroyForcibly().waitFor();
                }
            }
            usage.stop();
        }
    }

    /** Sends every job as a batch producer of the README's Kafka contract does; returns the sends that failed. */
    private long send() {
        Properties props = BROKER.producerProps();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        AtomicLong errors = new AtomicLong();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < JOBS; i++) {
                String id = run + "-job-" + i;
                String json = "{\"id\": \"" + id + "\", \"user_id\": \"" + user + "\", \"service\": \"nightly\", "
                        + "\"prompt\": \"question " + i + "\"}";
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.REQUESTS.name(), id, json);
                record.headers().add(GatewayHeaders.REPLY_TOPIC, replyTopic.getBytes(StandardCharsets.UTF_8));
                record.headers().add(GatewayHeaders.CORRELATION_ID, ("corr-" + id).getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        errors.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        return errors.get();
    }

    /**
     * The shared broker's {@code llm.requests} holds the jobs of earlier tests: the workers' group
     * starts after them, as a worker deployed before the batch would, and then reads as in
     * production (from its committed offsets, earliest where none).
     */
    private void startWorkersAtTheEndOfRequests(Admin admin) throws ExecutionException, InterruptedException {
        String topic = Topics.REQUESTS.name();
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        admin.alterConsumerGroupOffsets(workers, ends).all().get();
    }

    private boolean workersAssigned(Admin admin, int members) throws ExecutionException, InterruptedException {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(workers)).all().get().get(workers);
        int assigned = group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
        return group.groupState() == GroupState.STABLE && group.members().size() == members && assigned > 0;
    }

    /** Every job committed by the workers, every usage event by the stream and the sink. */
    private boolean everythingCommitted(Admin admin) {
        ConsumerLag lag = new ConsumerLag(admin);
        return lag.of(workers) == 0 && lag.of(usageSettings.getApplicationId()) == 0
                && lag.of(usageSettings.getSinkGroupId()) == 0;
    }

    private long usageRecords() {
        return POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user);
    }

    private UsageStreamSettings usageSettings() {
        UsageStreamSettings settings = new UsageStreamSettings();
        settings.setApplicationId(run + "-stream");
        settings.setSinkGroupId(run + "-sink");
        settings.setStateDir(dir.resolve("usage-state").toString());
        return settings;
    }

    private static KafkaFactory kafka() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(BROKER.bootstrapServers());
        kafka.setRequestPartitions(PARTITIONS);
        return kafka;
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
