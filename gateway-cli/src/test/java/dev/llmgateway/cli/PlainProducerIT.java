package dev.llmgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.support.TestGateway;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.testkit.PostgresFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batch contract without the CLI: what a batch producer of README's "Kafka topics" section
 * does by hand (plain producer, JSON values, {@code reply-topic} header) gets every job answered.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PlainProducerIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    private static TestGateway gateway;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(POSTGRES);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void aThousandJobsFromAPlainProducerAreAllAnsweredOnTheirReplyTopic() throws Exception {
        gateway.addMockProvider("mock", 10, 0);
        String replyTopic = "plain-producer-it." + UUID.randomUUID();
        gateway.kafka().createTopic(replyTopic, 3);
        Properties props = gateway.kafka().producerProps();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 1000; i++) {
                String id = "plain-" + i + "-" + UUID.randomUUID();
                String json = "{\"id\": \"" + id + "\", \"user_id\": \"u1\", \"service\": \"nightly\", "
                        + "\"prompt\": \"question " + i + "\", \"metadata\": {\"row\": \"" + i + "\"}}";
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.REQUESTS.name(), id, json);
                record.headers().add(GatewayHeaders.REPLY_TOPIC, replyTopic.getBytes(StandardCharsets.UTF_8));
                record.headers().add(GatewayHeaders.CORRELATION_ID, ("corr-" + id).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }

        var replies = gateway.kafka().readUntil(replyTopic, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                records -> records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet()).size() >= 1000, Duration.ofSeconds(120));
        Map<String, GenerationResult> results = replies.stream()
                .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8),
                        r -> Topics.RESULTS.value(r), (first, duplicate) -> first));
        assertThat(results).hasSize(1000);
        assertThat(results.values()).allMatch(GenerationResult::isSuccess);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.content()).startsWith("Mock response to: question "));
        Set<String> mismatched = replies.stream()
                .filter(r -> !("corr-" + new String(r.key(), StandardCharsets.UTF_8))
                        .equals(GatewayHeaders.get(r.headers(), GatewayHeaders.CORRELATION_ID)))
                .map(ConsumerRecord::topic).collect(Collectors.toSet());
        assertThat(mismatched).as("every reply echoes its correlation id").isEmpty();
    }
}
