package dev.llmgateway.worker;

import static dev.llmgateway.worker.support.TestKafka.header;
import static dev.llmgateway.worker.support.TestKafka.job;
import static dev.llmgateway.worker.support.TestKafka.rawJob;
import static dev.llmgateway.worker.support.TestKafka.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.testkit.fakeprovider.Hang;
import dev.llmgateway.worker.execution.RetryPolicy;
import dev.llmgateway.worker.support.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole worker on the in-JVM broker, the test schema and a fake provider. */
class WorkerIT {
    private static final String PROVIDER_KEY = "sk-worker-it-key";
    private static final SecretBox SECRETS = SecretBox.fromBase64(SecretBox.generateMasterKey());
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30));
    private static final TestKafka KAFKA = new TestKafka();

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final FakeProvider FAKE = FakeProvider.start(PROVIDER_KEY);

    private final String group = "worker-it-" + UUID.randomUUID();
    private final List<Worker> workers = new ArrayList<>();
    private String replyTopic;

    @BeforeEach
    void providersAndReplyTopic() {
        addProvider("fake", "anthropic", FAKE.baseUrl(), "claude-sonnet-4-5", 10, 60_000);
        replyTopic = KAFKA.newTopic("worker-it.replies");
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (Worker worker : workers) {
            worker.stop();
        }
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aJobGetsExactlyOneReplyWithItsCorrelationIdAndOneUsageEvent() {
        startWorker();
        String id = newId();

        RecordMetadata sent = KAFKA.send(job(request(id).prompt("hello there").build(), replyTopic, "corr-" + id));

        ConsumerRecord<byte[], byte[]> reply = KAFKA.awaitKeyed(replyTopic, id, 1).get(0);
        assertThat(header(reply, GatewayHeaders.CORRELATION_ID)).isEqualTo("corr-" + id);
        GenerationResult result = result(reply);
        assertThat(result.id()).isEqualTo(id);
        assertThat(result.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        assertThat(result.content()).isEqualTo("Echo: hello there");
        assertThat(result.provider()).isEqualTo("fake");
        assertThat(result.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(result.usage().inputTokens()).isEqualTo(2);
        assertThat(result.costUsd()).isPositive();

        // the offset is committed only after the reply and the usage event are acknowledged
        KAFKA.awaitCommitted(group, partitionOf(sent), sent.offset() + 1);
        assertThat(withKey(KAFKA.readToEnd(replyTopic), id)).hasSize(1);
        List<UsageEvent> usage = usageOf(id);
        assertThat(usage).singleElement().satisfies(event -> {
            assertThat(event.userId()).isEqualTo("user-1");
            assertThat(event.service()).isEqualTo("svc");
            assertThat(event.provider()).isEqualTo("fake");
            assertThat(event.inputTokens()).isEqualTo(result.usage().inputTokens());
            assertThat(event.outputTokens()).isEqualTo(result.usage().outputTokens());
            assertThat(event.costUsd()).isEqualByComparingTo(result.costUsd());
            assertThat(event.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        });
        assertThat(FAKE.requestCount()).isEqualTo(1);
    }

    @Test
    void aJobWithoutReplyTopicIsAnsweredOnLlmResultsCorrelatedByItsId() {
        startWorker();
        String id = newId();

        KAFKA.send(job(request(id).build(), null, null));

        ConsumerRecord<byte[], byte[]> reply = KAFKA.awaitKeyed(Topics.RESULTS.name(), id, 1).get(0);
        assertThat(result(reply).isSuccess()).isTrue();
        assertThat(header(reply, GatewayHeaders.CORRELATION_ID)).isEqualTo(id);
    }

    @Test
    void aJobWithoutCandidatesIsRoutedByPriorityAndFallsBack() {
        addProvider("first", "openai", FAKE.openAiBaseUrl(), "gpt-4o-mini", 1, 60_000);
        startWorker();
        FAKE.enqueue(Behavior.status(401));
        String id = newId();

        KAFKA.send(job(request(id).build(), replyTopic, null));

        GenerationResult result = result(KAFKA.awaitKeyed(replyTopic, id, 1).get(0));
        assertThat(result.provider()).isEqualTo("fake");
        assertThat(FAKE.requests()).extracting(r -> r.path())
                .containsExactly("/v1/chat/completions", "/v1/messages");
    }

    @Test
    void aFailedJobIsAnsweredAndCountedToo() {
        startWorker();
        FAKE.setDefault(Behavior.status(400));
        String id = newId();

        RecordMetadata sent = KAFKA.send(job(request(id).build(), replyTopic, null));

        GenerationResult result = result(KAFKA.awaitKeyed(replyTopic, id, 1).get(0));
        assertThat(result.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(result.error().type()).isEqualTo("provider_error");
        assertThat(result.error().message()).contains("fake: HTTP 400").doesNotContain("invalid_request_error");
        KAFKA.awaitCommitted(group, partitionOf(sent), sent.offset() + 1);
        assertThat(usageOf(id)).singleElement()
                .satisfies(event -> assertThat(event.status()).isEqualTo(GenerationStatus.FAILED));
    }

    @Test
    void garbageIsDeadLetteredWithItsOriginAndTheNextJobIsAnswered() {
        startWorker();
        String key = "poison-" + UUID.randomUUID();
        String id = newId();

        RecordMetadata poison = KAFKA.send(rawJob(key, "{this is not json", replyTopic, "corr-poison"));
        KAFKA.send(job(key, request(id).build(), replyTopic, null));

        ConsumerRecord<byte[], byte[]> dead = KAFKA.awaitKeyed(Topics.REQUESTS_DLQ.name(), key, 1).get(0);
        assertThat(TestKafka.utf8(dead.value())).isEqualTo("{this is not json");
        assertThat(header(dead, GatewayHeaders.ERROR_REASON)).contains("GenerationRequest").doesNotContain("this is not");
        assertThat(header(dead, GatewayHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.REQUESTS.name());
        assertThat(header(dead, GatewayHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(poison.partition()));
        assertThat(header(dead, GatewayHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(poison.offset()));
        assertThat(header(dead, GatewayHeaders.REPLY_TOPIC)).isEqualTo(replyTopic);

        // the job behind the poison on the same partition is still answered
        assertThat(result(KAFKA.awaitKeyed(replyTopic, id, 1).get(0)).isSuccess()).isTrue();
        KAFKA.awaitCommitted(group, partitionOf(poison), poison.offset() + 2);
    }

    @Test
    void aJobWithoutUserIdIsDeadLetteredAndItsProducerIsToldWhy() {
        startWorker();
        String id = newId();
        String json = "{\"id\":\"" + id + "\",\"service\":\"svc\",\"prompt\":\"hi\"}";

        KAFKA.send(rawJob(id, json, replyTopic, "corr-" + id));

        ConsumerRecord<byte[], byte[]> dead = KAFKA.awaitKeyed(Topics.REQUESTS_DLQ.name(), id, 1).get(0);
        assertThat(TestKafka.utf8(dead.value())).isEqualTo(json);
        assertThat(header(dead, GatewayHeaders.ERROR_REASON)).contains("user_id");
        ConsumerRecord<byte[], byte[]> reply = KAFKA.awaitKeyed(replyTopic, id, 1).get(0);
        assertThat(header(reply, GatewayHeaders.CORRELATION_ID)).isEqualTo("corr-" + id);
        GenerationResult rejected = result(reply);
        assertThat(rejected.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(rejected.error().type()).isEqualTo("validation_error");
        assertThat(rejected.error().message()).contains("user_id");
        assertThat(FAKE.requestCount()).isZero();
    }

    @Test
    void aProviderWithAnUnusableBaseUrlFailsItsJobsAndTheWorkerGoesOn() {
        addProvider("broken", "anthropic", "http://bad host:1", "claude-sonnet-4-5", 50, 60_000);
        startWorker();
        String broken = newId();
        String fine = newId();

        KAFKA.send(job(request(broken).candidates(List.of(new ProviderTarget("broken", "claude-sonnet-4-5"))).build(),
                replyTopic, null));
        KAFKA.send(job(request(fine).build(), replyTopic, null));

        GenerationResult failed = result(KAFKA.awaitKeyed(replyTopic, broken, 1).get(0));
        assertThat(failed.error().type()).isEqualTo("provider_error");
        assertThat(failed.error().message()).contains("broken: client error");
        assertThat(result(KAFKA.awaitKeyed(replyTopic, fine, 1).get(0)).isSuccess()).isTrue();
    }

    @Test
    void aJobInFlightWhenItsWorkerStopsIsRedeliveredToTheNextAndCountedOnce() throws Exception {
        Hang hang = Behavior.hang();
        FAKE.enqueue(hang);
        Worker first = startWorker();
        String id = newId();

        RecordMetadata sent = KAFKA.send(job(request(id).build(), replyTopic, "corr-" + id));
        FAKE.awaitRequests(1, TestKafka.WAIT);
        first.stop();
        workers.remove(first);
        assertThat(KAFKA.committed(group, partitionOf(sent))).as("the unfinished job is not committed past")
                .isLessThanOrEqualTo(sent.offset());

        startWorker();
        ConsumerRecord<byte[], byte[]> reply = KAFKA.awaitKeyed(replyTopic, id, 1).get(0);
        assertThat(header(reply, GatewayHeaders.CORRELATION_ID)).isEqualTo("corr-" + id);
        assertThat(result(reply).isSuccess()).isTrue();
        KAFKA.awaitCommitted(group, partitionOf(sent), sent.offset() + 1);
        hang.release();

        assertThat(FAKE.requestCount()).isEqualTo(2);
        assertThat(usageOf(id)).hasSize(1);
        assertThat(withKey(KAFKA.readToEnd(replyTopic), id)).hasSize(1);
    }

    @Test
    void afterEveryJobIsDoneTheCommittedOffsetIsTheEndOffset() {
        startWorker();
        String key = "batch-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        RecordMetadata last = null;
        for (int i = 0; i < 5; i++) {
            String id = newId();
            ids.add(id);
            last = KAFKA.send(job(key, request(id).prompt("job " + i).build(), replyTopic, null));
        }

        ids.forEach(id -> assertThat(result(KAFKA.awaitKeyed(replyTopic, id, 1).get(0)).isSuccess()).isTrue());
        TopicPartition partition = partitionOf(last);
        long end = KAFKA.endOffsets(Topics.REQUESTS.name()).get(partition.partition());
        assertThat(end).isEqualTo(last.offset() + 1);
        KAFKA.awaitCommitted(group, partition, end);
    }

    private Worker startWorker() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(KAFKA.broker().bootstrapServers());
        kafka.setRequestPartitions(4);
        // a fresh group starts at the end, so jobs of earlier tests are not replayed here
        kafka.getConsumer().put("auto.offset.reset", "latest");
        WorkerSettings settings = new WorkerSettings();
        settings.setGroupId(group);
        settings.setConsumers(1);
        Worker worker = new Worker(kafka, Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin()),
                SECRETS, PriceTable.defaults(), settings, FAST_RETRIES);
        worker.start();
        workers.add(worker);
        await("worker assigned").atMost(TestKafka.WAIT).until(worker::isReady);
        return worker;
    }

    private static void addProvider(String name, String type, String baseUrl, String model, int priority, int timeoutMs) {
        POSTGRES.execute("INSERT INTO provider_configs (name, type, base_url, api_key_encrypted, models, default_model, "
                        + "is_enabled, priority, timeout_ms, max_retries) VALUES (?, ?, ?, ?, ?::text[], ?, true, ?, ?, 1)",
                name, type, baseUrl, SECRETS.encrypt(PROVIDER_KEY), "{" + model + "}", model, priority, timeoutMs);
    }

    private static GenerationRequest.Builder request(String id) {
        return GenerationRequest.builder(id, "user-1", "svc").prompt("hi");
    }

    private static String newId() {
        return "job-" + UUID.randomUUID();
    }

    private static GenerationResult result(ConsumerRecord<byte[], byte[]> record) {
        return Topics.RESULTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private static List<UsageEvent> usageOf(String id) {
        return withKey(KAFKA.readToEnd(Topics.USAGE.name()), id).stream()
                .map(r -> Topics.USAGE.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    private static TopicPartition partitionOf(RecordMetadata sent) {
        return new TopicPartition(sent.topic(), sent.partition());
    }
}
