package dev.llmgateway.api.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.ProviderRow;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Jobs published straight to Kafka are paced by the worker against the provider's limit, never dropped. */
class BatchPacingIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void delaysBatchJobsOverTheLimitInsteadOfRejectingThem() throws Exception {
        gateway.addProvider(ProviderRow.mock("mock").withRateLimitRpm(60));
        spendTheWholeMinute("mock");
        String replies = "batch-replies-" + System.nanoTime();
        gateway.kafka().createTopic(replies, 1);

        Instant sent = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(gateway.kafka().producerProps(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                GenerationRequest job = GenerationRequest.builder("batch-" + sent.toEpochMilli() + "-" + i, "u", "nightly")
                        .prompt("line " + i).build();
                ProducerRecord<byte[], byte[]> record = Topics.REQUESTS.record(job.id(), job);
                GatewayHeaders.put(record.headers(), GatewayHeaders.REPLY_TOPIC, replies);
                producer.send(record).get();
            }
        }
        int throughApi = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "u", "service", "s", "prompt", "sync caller")).status();

        List<ConsumerRecord<String, GenerationResult>> results = gateway.kafka().readUntil(replies,
                new StringDeserializer(), Topics.RESULTS.valueSerde().deserializer(), r -> r.size() >= 3,
                Duration.ofSeconds(30));
        Duration elapsed = Duration.between(sent, Instant.now());

        assertThat(throughApi).as("the API refuses what the worker paces").isEqualTo(429);
        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.value().isSuccess()).isTrue());
        assertThat(elapsed).as("three jobs at one per second once the minute is spent")
                .isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }

    /** Leaves no room in the provider's shared budget for the next 60 s, as 60 earlier calls would. */
    private static void spendTheWholeMinute(String provider) {
        try (Jedis jedis = new Jedis(REDIS.host(), REDIS.port())) {
            jedis.select(REDIS.database());
            long fullUntil = System.currentTimeMillis() + 60_000;
            jedis.psetex("llmgw:rl:v1:provider:" + provider, 60_000, Long.toString(fullUntil));
        }
    }
}
