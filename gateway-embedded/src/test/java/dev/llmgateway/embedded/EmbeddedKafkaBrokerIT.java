package dev.llmgateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path logDir;

    @Test
    void deliversARecordFromAProducerToAConsumer() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, 0)) {
            broker.createTopics(List.of(new NewTopic("greetings", 3, (short) 1)));

            produce(broker, "greetings", "k1", "hello");

            assertThat(readAll(broker, "greetings", 1)).containsExactly("k1=hello");
        }
    }

    @Test
    void createsTopicsIdempotentlyWithALeaderForEveryPartition() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            broker.createTopics(List.of(new NewTopic("a", 4, (short) 1)));
            broker.createTopics(List.of(new NewTopic("a", 4, (short) 1), new NewTopic("b", 1, (short) 1)));

            assertThat(admin.describeTopics(List.of("a", "b")).allTopicNames().get().values())
                    .flatMap(description -> description.partitions())
                    .hasSize(5)
                    .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        }
    }

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, 0)) {
            broker.createTopics(List.of(new NewTopic("durable", 1, (short) 1)));
            produce(broker, "durable", "k", "before restart");
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(logDir, 0, 0);
                Admin admin = Admin.create(Map.of("bootstrap.servers", restarted.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("durable");
            produce(restarted, "durable", "k", "after restart");

            assertThat(readAll(restarted, "durable", 2)).containsExactly("k=before restart", "k=after restart");
        }
    }

    @Test
    void supportsTransactionalProducers() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0, 0)) {
            broker.createTopics(List.of(new NewTopic("tx", 1, (short) 1)));
            Properties props = producerProps(broker);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx", "k", "committed"));
                producer.commitTransaction();
            }

            assertThat(readAll(broker, "tx", 1)).containsExactly("k=committed");
        }
    }

    @Test
    void failsNamingThePortWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(logDir, taken.getLocalPort(), 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort());
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static Properties producerProps(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return props;
    }

    private static List<String> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(record.key() + "=" + record.value());
                }
                return records.size() >= expected;
            });
        }
        return records;
    }
}
