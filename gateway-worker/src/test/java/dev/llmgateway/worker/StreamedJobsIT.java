package dev.llmgateway.worker;

import static dev.llmgateway.worker.support.TestKafka.header;
import static dev.llmgateway.worker.support.TestKafka.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.testkit.fakeprovider.HeldStream;
import dev.llmgateway.worker.execution.RetryPolicy;
import dev.llmgateway.worker.support.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs with {@code stream: true}: chunks on the reply topic, in order, then the result. */
class StreamedJobsIT {
    private static final String PROVIDER_KEY = "sk-streamed-jobs-key";
    private static final SecretBox SECRETS = SecretBox.fromBase64(SecretBox.generateMasterKey());
    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30));
    private static final TestKafka KAFKA = new TestKafka();
    private static final String ANSWER = "one two three four five";

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final FakeProvider FAKE = FakeProvider.start(PROVIDER_KEY);

    private final String group = "streamed-jobs-it-" + UUID.randomUUID();
    private Worker worker;
    private String replyTopic;

    @BeforeEach
    void topic() {
        replyTopic = KAFKA.newTopic("streamed-jobs-it.replies");
    }

    @AfterEach
    void stopWorker() throws Exception {
        if (worker != null) {
            worker.stop();
        }
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void anAnthropicStreamBecomesChunksInOrderThenTheWholeResult() {
        addProvider("claude", "anthropic", FAKE.baseUrl(), "claude-sonnet-4-5", 1);
        startWorker();
        FAKE.setDefault(Behavior.reply(ANSWER));
        String id = newId();

        KAFKA.send(job(streamed(id).build(), replyTopic, "corr-" + id));

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.awaitKeyed(replyTopic, id, 6);
        assertStreamedInOrder(records, "claude", "corr-" + id);
        GenerationResult result = result(records.get(5));
        assertThat(result.usage().inputTokens()).isEqualTo(1);
        assertThat(result.usage().outputTokens()).isEqualTo(5);
        assertThat(FAKE.requests().get(0).json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anOpenAiStreamBecomesChunksInOrderWithTheUsageOfItsLastChunk() {
        addProvider("gpt", "openai", FAKE.openAiBaseUrl(), "gpt-4o-mini", 1);
        startWorker();
        FAKE.setDefault(Behavior.reply(ANSWER));
        String id = newId();

        KAFKA.send(job(streamed(id).build(), replyTopic, "corr-" + id));

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.awaitKeyed(replyTopic, id, 6);
        assertStreamedInOrder(records, "gpt", "corr-" + id);
        GenerationResult result = result(records.get(5));
        assertThat(result.usage().inputTokens()).isEqualTo(1);
        assertThat(result.usage().outputTokens()).isEqualTo(5);
        assertThat(FAKE.requests().get(0).json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(usageOf(id)).singleElement().satisfies(event -> assertThat(event.outputTokens()).isEqualTo(5));
    }

    @Test
    void aFailingProviderIsRetriedAndFallenBackFromBeforeTheFirstChunk() {
        addProvider("first", "openai", FAKE.openAiBaseUrl(), "gpt-4o-mini", 1);
        addProvider("second", "anthropic", FAKE.baseUrl(), "claude-sonnet-4-5", 2);
        startWorker();
        FAKE.enqueue(Behavior.status(500), Behavior.status(500), Behavior.reply(ANSWER));
        String id = newId();

        KAFKA.send(job(streamed(id).build(), replyTopic, null));

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.awaitKeyed(replyTopic, id, 6);
        assertStreamedInOrder(records, "second", id);
        assertThat(FAKE.requests()).extracting(r -> r.path())
                .containsExactly("/v1/chat/completions", "/v1/chat/completions", "/v1/messages");
    }

    @Test
    void aProviderFailingAfterTheFirstChunkEndsTheJobWithoutRetryOrFallback() {
        addProvider("first", "anthropic", FAKE.baseUrl(), "claude-sonnet-4-5", 1);
        addProvider("second", "openai", FAKE.openAiBaseUrl(), "gpt-4o-mini", 2);
        startWorker();
        HeldStream held = Behavior.heldStream(ANSWER, 1);
        FAKE.enqueue(held);
        String id = newId();

        KAFKA.send(job(streamed(id).build(), replyTopic, null));
        ConsumerRecord<byte[], byte[]> first = KAFKA.awaitKeyed(replyTopic, id, 1).get(0);
        held.cut();

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.awaitKeyed(replyTopic, id, 2);
        assertThat(chunk(first).delta()).isEqualTo("one");
        GenerationResult result = result(records.get(1));
        assertThat(result.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(result.error().type()).isEqualTo("provider_error");
        assertThat(result.error().message()).contains("first failed mid-stream", "after 1 chunk");
        assertThat(FAKE.requestCount()).isEqualTo(1);
        assertThat(usageOf(id)).singleElement()
                .satisfies(event -> assertThat(event.status()).isEqualTo(GenerationStatus.FAILED));
    }

    @Test
    void theMockProviderStreamsItsAnswerInPieces() {
        addProvider("mock", "mock", "mock://", "mock-1", 1);
        startWorker();
        String id = newId();

        KAFKA.send(job(streamed(id).prompt("Hello world").build(), replyTopic, null));

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.awaitKeyed(replyTopic, id, 6);
        assertStreamedInOrder(records, "mock", id);
        assertThat(result(records.get(5)).content()).isEqualTo("Mock response to: Hello world");
    }

    /** Five chunks numbered 0 to 4 whose text is the result's, then the result. */
    private static void assertStreamedInOrder(List<ConsumerRecord<byte[], byte[]>> records, String provider,
            String correlationId) {
        assertThat(records).hasSize(6);
        assertThat(records).allSatisfy(r -> assertThat(header(r, GatewayHeaders.CORRELATION_ID)).isEqualTo(correlationId));
        List<GenerationChunk> chunks = records.subList(0, 5).stream().map(StreamedJobsIT::chunk).toList();
        assertThat(chunks).extracting(GenerationChunk::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(chunks).extracting(GenerationChunk::provider).containsOnly(provider);
        assertThat(GatewayHeaders.isChunk(records.get(5).headers())).isFalse();
        GenerationResult result = result(records.get(5));
        assertThat(result.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        assertThat(result.provider()).isEqualTo(provider);
        assertThat(chunks.stream().map(GenerationChunk::delta).collect(Collectors.joining()))
                .isEqualTo(result.content());
    }

    private void startWorker() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(KAFKA.broker().bootstrapServers());
        kafka.setRequestPartitions(4);
        kafka.getConsumer().put("auto.offset.reset", "latest");
        WorkerSettings settings = new WorkerSettings();
        settings.setGroupId(group);
        settings.setConsumers(1);
        worker = new Worker(kafka, Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin()),
                SECRETS, PriceTable.defaults(), settings, FAST_RETRIES);
        worker.start();
        await("worker assigned").atMost(TestKafka.WAIT).until(worker::isReady);
    }

    private static void addProvider(String name, String type, String baseUrl, String model, int priority) {
        POSTGRES.execute("INSERT INTO provider_configs (name, type, base_url, api_key_encrypted, models, default_model, "
                        + "is_enabled, priority, timeout_ms, max_retries) VALUES (?, ?, ?, ?, ?::text[], ?, true, ?, 30000, 1)",
                name, type, baseUrl, SECRETS.encrypt(PROVIDER_KEY), "{" + model + "}", model, priority);
    }

    private static GenerationRequest.Builder streamed(String id) {
        return GenerationRequest.builder(id, "user-1", "svc").prompt("hi").stream(true);
    }

    private static String newId() {
        return "job-" + UUID.randomUUID();
    }

    private static GenerationChunk chunk(ConsumerRecord<byte[], byte[]> record) {
        assertThat(GatewayHeaders.isChunk(record.headers())).as("a chunk record").isTrue();
        return Topics.CHUNKS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private static GenerationResult result(ConsumerRecord<byte[], byte[]> record) {
        return Topics.RESULTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    /** The usage events of job {@code id}, once there is one (it is produced next to the result). */
    private static List<UsageEvent> usageOf(String id) {
        return await().atMost(TestKafka.WAIT).until(() -> usageEvents(id), events -> !events.isEmpty());
    }

    private static List<UsageEvent> usageEvents(String id) {
        return TestKafka.withKey(KAFKA.readToEnd(Topics.USAGE.name()), id).stream()
                .map(r -> Topics.USAGE.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }
}
