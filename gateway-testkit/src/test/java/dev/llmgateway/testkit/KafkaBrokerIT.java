package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    private static final KafkaBroker KAFKA = KafkaBroker.shared();

    @Test
    void isOneBrokerPerJvm() {
        assertThat(KafkaBroker.shared()).isSameAs(KAFKA);
        assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void readsBackFromTheBeginningWhatWasProduced() throws Exception {
        KAFKA.createTopic("kit.read-back", 3);
        try (KafkaProducer<String, String> producer = stringProducer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("kit.read-back", "k" + i, "v" + i)).get();
            }
        }

        List<ConsumerRecord<String, String>> records = KAFKA.readUntil("kit.read-back",
                new StringDeserializer(), new StringDeserializer(), read -> read.size() >= 5, Duration.ofSeconds(20));

        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
    }

    @Test
    void failsWithTheRecordsReadWhenTheConditionIsNotMetInTime() throws Exception {
        KAFKA.createTopics("kit.too-few");
        try (KafkaProducer<String, String> producer = stringProducer()) {
            producer.send(new ProducerRecord<>("kit.too-few", "k", "only one")).get();
        }

        assertThatThrownBy(() -> KAFKA.readUntil("kit.too-few", new StringDeserializer(), new StringDeserializer(),
                read -> read.size() >= 2, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 record(s) read")
                .hasMessageContaining("only one");
    }

    @Test
    void deliversToAConsumerGroupFromTheEarliestOffset() throws Exception {
        KAFKA.createTopics("kit.group");
        try (KafkaProducer<String, String> producer = stringProducer()) {
            producer.send(new ProducerRecord<>("kit.group", "k", "for the group")).get();
        }

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KAFKA.consumerProps("kit-group"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("kit.group"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
            consumer.commitSync();
        }

        assertThat(values).containsExactly("for the group");
    }

    private static KafkaProducer<String, String> stringProducer() {
        return new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(), new StringSerializer());
    }
}
