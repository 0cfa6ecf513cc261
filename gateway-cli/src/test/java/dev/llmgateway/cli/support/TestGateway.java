package dev.llmgateway.cli.support;

import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.worker.Worker;
import dev.llmgateway.worker.WorkerSettings;
import dev.llmgateway.worker.execution.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The gateway side of a batch test: a real {@link Worker} on the test JVM's broker and the test
 * schema, answering with providers the test inserts (the in-process {@code mock} type).
 */
public final class TestGateway implements AutoCloseable {
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30));

    private final PostgresFixture postgres;
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final Worker worker;
    private final Admin admin;

    private TestGateway(PostgresFixture postgres, Worker worker) {
        this.postgres = postgres;
        this.worker = worker;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        this.admin = Admin.create(props);
    }

    public static TestGateway start(PostgresFixture postgres) {
        KafkaFactory factory = new KafkaFactory();
        factory.setBootstrapServers(KafkaBroker.shared().bootstrapServers());
        factory.setRequestPartitions(4);
        // a fresh group starts at the end, so jobs of earlier test classes are not replayed here
        factory.getConsumer().put("auto.offset.reset", "latest");
        WorkerSettings settings = new WorkerSettings();
        settings.setGroupId("cli-it-worker-" + UUID.randomUUID());
        Worker worker = new Worker(factory, Jdbi.create(postgres.dataSource()).installPlugin(new SqlObjectPlugin()),
                SecretBox.fromBase64(SecretBox.generateMasterKey()), PriceTable.defaults(), settings, FAST_RETRIES);
        worker.start();
        await().atMost(Duration.ofSeconds(60)).until(worker::isReady);
        return new TestGateway(postgres, worker);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A provider of the in-process mock type, answering after {@code latencyMs}. */
    public void addMockProvider(String name, int priority, int latencyMs) {
        addProvider(name, "mock", latencyMs > 0 ? "mock://?latency_ms=" + latencyMs : null, priority);
    }

    /** An OpenAI-type provider nobody listens for: every call to it fails at once. */
    public void addBrokenProvider(String name, int priority) {
        addProvider(name, "openai", "http://127.0.0.1:1/v1", priority);
    }

    /** Makes a provider added by {@link #addBrokenProvider} answer, as a mock. */
    public void repairProvider(String name) {
        postgres.execute("UPDATE provider_configs SET type = 'mock', base_url = NULL WHERE name = ?", name);
        worker.refreshCatalog();
    }

    public void setEnabled(String name, boolean enabled) {
        postgres.execute("UPDATE provider_configs SET is_enabled = ? WHERE name = ?", enabled, name);
        worker.refreshCatalog();
    }

    private void addProvider(String name, String type, String baseUrl, int priority) {
        postgres.execute("INSERT INTO provider_configs (name, type, base_url, models, default_model, is_enabled, "
                        + "priority, rate_limit_rpm, timeout_ms, max_retries) "
                        + "VALUES (?, ?, ?, '{mock-1}'::text[], 'mock-1', true, ?, NULL, 5000, 0)",
                name, type, baseUrl, priority);
        worker.refreshCatalog();
    }

    /** Records ever produced to {@code topic}: the sum of its partitions' end offsets. */
    public long recordsIn(String topic) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read the end offsets of " + topic, e);
        }
    }

    public long requestsProduced() {
        return recordsIn(Topics.REQUESTS.name());
    }

    public boolean topicExists(String topic) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new AssertionError("cannot list topics", e);
        }
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    @Override
    public void close() {
        admin.close();
        try {
            worker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the worker did not stop", e);
        }
    }
}
