package dev.llmgateway.api.fuzz;

import static dev.llmgateway.api.fuzz.PrivateKafka.header;
import static dev.llmgateway.api.fuzz.PrivateKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.api.support.LogCapture;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.stream.UsageStream;
import dev.llmgateway.stream.UsageStreamSettings;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.worker.Worker;
import dev.llmgateway.worker.WorkerSettings;
import dev.llmgateway.worker.execution.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Garbage published straight to the gateway's topics, on a broker of this test's own: a job that
 * cannot be processed goes to {@code llm.requests.dlq} with its reason and a log line, and is never
 * answered on a topic of the gateway's own; a usage event that cannot be counted or stored is
 * skipped with a log line. Valid messages after the garbage are still answered and counted exactly.
 */
class HostileKafkaIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String VALID_JOB = "{\"id\": \"%s\", \"user_id\": \"u1\", \"service\": \"batch\", \"prompt\": \"hi\"}";

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    private PrivateKafka kafka;
    private LogCapture logs;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void startBrokerAndMockProvider() throws Exception {
        kafka = new PrivateKafka();
        POSTGRES.execute("INSERT INTO provider_configs (name, type, models, default_model, priority) "
                + "VALUES ('mock', 'mock', '{mock-1}', 'mock-1', 1)");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable component : running) {
            component.close();
        }
        if (logs != null) {
            logs.close();
        }
        kafka.close();
        POSTGRES.truncateAll();
    }

    @Test
    void deadLettersEveryUnprocessableJobWithItsReasonAndStillAnswersTheNextOne() {
        startWorker();
        logs = LogCapture.start();
        Map<String, RecordMetadata> garbage = new LinkedHashMap<>();
        Random random = new Random(42);
        byte[] noise = new byte[512];
        random.nextBytes(noise);
        sendJob(garbage, "random-bytes", noise, Map.of());
        sendJob(garbage, "invalid-utf8", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}, Map.of());
        for (String shape : List.of("null", "[]", "42", "\"job\"", "{}", "[".repeat(100_000),
                "{\"id\": 5, \"user_id\": [], \"service\": {}, \"prompt\": true}",
                "{\"id\": \"x\", \"user_id\": \"u1\", \"service\": \"s\"}",
                "{\"id\": \"x\", \"user_id\": \"u\\u0000\", \"service\": \"s\", \"prompt\": \"p\"}",
                "{\"id\": \"x\", \"user_id\": \"" + "u".repeat(10_000) + "\", \"service\": \"s\", \"prompt\": \"p\"}",
                "{\"id\": \"x\", \"user_id\": \"u1\", \"service\": \"s\", \"prompt\": \"p\", \"max_tokens\": 1e30}",
                "{\"id\": \"x\", \"user_id\": \"u1\", \"service\": \"s\", \"prompt\": \"p\", \"max_tokens\": -7}",
                "{\"id\": \"x\", \"user_id\": \"u1\", \"service\": \"s\", \"messages\": [null]}",
                "{\"id\": \"x\", \"user_id\": \"u1\", \"service\": \"s\", \"prompt\": \"p\", \"candidates\": [null]}")) {
            sendJob(garbage, "shape-" + garbage.size(), shape.getBytes(StandardCharsets.UTF_8), Map.of());
        }
        for (String topic : List.of(Topics.REQUESTS.name(), Topics.USAGE.name(), Topics.USAGE_DAILY.name(),
                Topics.REQUESTS_DLQ.name(), "no such topic", "../../etc/passwd", "t".repeat(300), "a\u0000b")) {
            String id = "reply-to-" + garbage.size();
            sendJob(garbage, id, String.format(VALID_JOB, id).getBytes(StandardCharsets.UTF_8),
                    Map.of(GatewayHeaders.REPLY_TOPIC, topic, GatewayHeaders.CORRELATION_ID, "c\r\nX: y"));
        }
        // absurd, but a job all the same: answered, whatever the answer says
        List<String> absurd = List.of(
                "\"deadline\": \"+1000000000-01-01T00:00:00Z\", \"created_at\": \"-1000000000-01-01T00:00:00Z\"",
                "\"deadline\": \"1970-01-01T00:00:00Z\"", "\"temperature\": 1e308, \"max_tokens\": 2147483647",
                "\"candidates\": [{\"provider\": \"nope\", \"model\": \"\"}], \"stream\": true",
                "\"metadata\": {" + "\"k\": \"v\", ".repeat(500) + "\"z\": \"" + "z".repeat(50_000) + "\"}");
        for (int i = 0; i < absurd.size(); i++) {
            String id = "absurd-" + i;
            kafka.send(job(id, String.format(VALID_JOB, id).replace("}", ", " + absurd.get(i) + "}")
                    .getBytes(StandardCharsets.UTF_8), Map.of()));
        }
        String valid = "after-the-garbage";
        kafka.send(job(valid, String.format(VALID_JOB, valid).getBytes(StandardCharsets.UTF_8),
                Map.of(GatewayHeaders.CORRELATION_ID, "x".repeat(100_000))));

        GenerationResult answer = await().atMost(DEADLINE).until(() -> resultOf(valid), r -> r != null);
        assertThat(answer.isSuccess()).as("%s", answer).isTrue();
        for (int i = 0; i < absurd.size(); i++) {
            String id = "absurd-" + i;
            await("an answer to " + id).atMost(DEADLINE).until(() -> resultOf(id) != null);
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(kafka.readAll(Topics.REQUESTS_DLQ.name()))
                .extracting(r -> text(r.key())).containsExactlyInAnyOrderElementsOf(garbage.keySet()));
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(Topics.REQUESTS_DLQ.name());
        System.out.printf("HostileKafkaIT: %d unprocessable jobs sent, %d dead-lettered, the next job answered%n",
                garbage.size(), dead.size());
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            RecordMetadata original = garbage.get(text(record.key()));
            assertThat(header(record, GatewayHeaders.ERROR_REASON)).as(text(record.key())).isNotBlank();
            assertThat(header(record, GatewayHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.REQUESTS.name());
            assertThat(header(record, GatewayHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(original.offset()));
            assertThat(logs.lines()).as("log line for %s", text(record.key())).anyMatch(line -> line.contains(
                    "llm.requests-" + original.partition() + "@" + original.offset() + " is not processable"));
        }
        // a reply is keyed by the job's id: on llm.requests only the jobs themselves may carry these keys
        assertThat(kafka.readAll(Topics.REQUESTS.name())).extracting(r -> text(r.key()))
                .filteredOn(key -> key.startsWith("reply-to-")).doesNotHaveDuplicates();
        for (String topic : List.of(Topics.USAGE.name(), Topics.USAGE_DAILY.name())) {
            assertThat(kafka.readAll(topic)).as("records on %s", topic)
                    .noneMatch(r -> text(r.key()).startsWith("reply-to-"));
        }
    }

    @Test
    void skipsUsageEventsThatCannotBeCountedOrStoredAndCountsTheNextOnesExactly() throws Exception {
        startUsageStream();
        logs = LogCapture.start();
        Map<String, RecordMetadata> garbage = new LinkedHashMap<>();
        byte[] noise = new byte[300];
        new Random(7).nextBytes(noise);
        sendUsage(garbage, "random-bytes", noise);
        sendUsage(garbage, "invalid-utf8", new byte[] {'{', '"', (byte) 0xff, '"', '}'});
        for (String shape : List.of("[]", "{}", "42", "\"usage\"", "[".repeat(100_000),
                "{\"request_id\": 5, \"ts\": [], \"user_id\": {}, \"service\": 1, \"status\": 2}",
                usage("nul", "2026-11-24T10:00:00Z", "a\\u0000b", "10", "0.1", "succeeded"),
                usage("long-user", "2026-11-24T10:00:00Z", "u".repeat(300), "10", "0.1", "succeeded"),
                usage("far-future", "+300000-01-01T00:00:00Z", "u1", "10", "0.1", "succeeded"),
                usage("end-of-time", "+1000000000-12-31T23:59:59Z", "u1", "10", "0.1", "succeeded"),
                usage("many-tokens", "2026-11-24T10:00:00Z", "u1", "10000000000000", "0.1", "succeeded"),
                usage("negative", "2026-11-24T10:00:00Z", "u1", "-1", "0.1", "succeeded"),
                usage("rich", "2026-11-24T10:00:00Z", "u1", "10", "1e20", "succeeded"),
                usage("odd-status", "2026-11-24T10:00:00Z", "u1", "10", "0.1", "exploded"))) {
            sendUsage(garbage, "shape-" + garbage.size(), shape.getBytes(StandardCharsets.UTF_8));
        }
        // each can be stored, but their day's total is over what usage_daily.cost_usd holds (10^12)
        for (String whale : List.of("whale-1", "whale-2")) {
            kafka.send(usageRecord(whale, usage(whale, "2026-11-24T10:00:00Z", "whale", "10", "900000000000", "succeeded")));
        }
        int counted = 40;
        for (int i = 0; i < counted; i++) {
            kafka.send(usageRecord("ok-" + i, usage("ok-" + i, "2026-11-24T11:00:00Z", "counted", "10", "0.25", "succeeded")));
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = 'counted'")).isEqualTo(counted);
            assertThat(POSTGRES.queryLong("SELECT coalesce(sum(requests), 0)::bigint FROM usage_daily WHERE user_id = 'counted'"))
                    .isEqualTo(counted);
        });
        assertThat(POSTGRES.queryString("SELECT sum(cost_usd)::text FROM usage_records WHERE user_id = 'counted'"))
                .isEqualTo("10.000000000000");
        assertThat(POSTGRES.queryString("SELECT input_tokens || '/' || output_tokens || '/' || cost_usd::text "
                + "FROM usage_daily WHERE user_id = 'counted'")).isEqualTo("400/800/10.000000000000");
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = 'whale'")).isEqualTo(2);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id <> 'counted' AND user_id <> 'whale'"))
                .isZero();
        System.out.printf("HostileKafkaIT: %d unusable usage events skipped, %d valid ones counted exactly%n",
                garbage.size(), counted);
        for (Map.Entry<String, RecordMetadata> skipped : garbage.entrySet()) {
            RecordMetadata at = skipped.getValue();
            assertThat(logs.lines()).as("log line for %s", skipped.getKey()).anyMatch(line ->
                    line.contains("Skipping unreadable record llm.usage-" + at.partition() + "@" + at.offset()));
        }
        assertThat(logs.lines()).anyMatch(line -> line.contains("Postgres refuses") && line.contains("whale"));
    }

    private static String usage(String id, String ts, String user, String tokens, String cost, String status) {
        return "{\"request_id\": \"" + id + "\", \"ts\": \"" + ts + "\", \"user_id\": \"" + user
                + "\", \"service\": \"batch\", \"provider\": \"mock\", \"model\": \"mock-1\", \"input_tokens\": "
                + tokens + ", \"output_tokens\": " + (tokens.startsWith("-") ? "1" : "20") + ", \"cost_usd\": " + cost
                + ", \"latency_ms\": 5, \"cached\": false, \"status\": \"" + status + "\"}";
    }

    private void sendUsage(Map<String, RecordMetadata> sent, String key, byte[] value) {
        sent.put(key, kafka.send(new ProducerRecord<>(Topics.USAGE.name(), key.getBytes(StandardCharsets.UTF_8), value)));
    }

    private static ProducerRecord<byte[], byte[]> usageRecord(String key, String value) {
        return new ProducerRecord<>(Topics.USAGE.name(), key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private void sendJob(Map<String, RecordMetadata> sent, String key, byte[] value, Map<String, String> headers) {
        sent.put(key, kafka.send(job(key, value, headers)));
    }

    private static ProducerRecord<byte[], byte[]> job(String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.REQUESTS.name(),
                key.getBytes(StandardCharsets.UTF_8), value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private GenerationResult resultOf(String id) {
        return kafka.readAll(Topics.RESULTS.name()).stream().filter(r -> id.equals(text(r.key())))
                .map(Topics.RESULTS::value).findFirst().orElse(null);
    }

    private void startWorker() {
        WorkerSettings settings = new WorkerSettings();
        settings.setGroupId("hostile-worker");
        settings.setConsumers(1);
        Worker worker = new Worker(kafka.factory(), jdbi(), SecretBox.fromBase64(SecretBox.generateMasterKey()),
                PriceTable.defaults(), settings,
                new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)));
        worker.start();
        running.add(worker::stop);
        await().atMost(DEADLINE).until(worker::isReady);
    }

    private UsageStream startUsageStream() throws Exception {
        UsageStreamSettings settings = new UsageStreamSettings();
        settings.setApplicationId("hostile-usage-stream");
        settings.setSinkGroupId("hostile-usage-sink");
        settings.setStateDir(Files.createTempDirectory("hostile-usage-").toString());
        UsageStream stream = new UsageStream(kafka.factory(), jdbi(), settings);
        stream.start();
        running.add(stream::stop);
        return stream;
    }

    private static Jdbi jdbi() {
        return Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin());
    }
}
