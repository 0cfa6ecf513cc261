package dev.llmgateway.api.fuzz;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * A broker of one test's own, so the garbage it writes to the gateway's topics is gone when it
 * stops instead of waiting for the next test class that reads {@code llm.usage} from the start.
 */
final class PrivateKafka implements AutoCloseable {
    private final Path logDir;
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<byte[], byte[]> producer;

    PrivateKafka() throws IOException {
        this.logDir = Files.createTempDirectory("hostile-kafka-");
        this.broker = EmbeddedKafkaBroker.start(logDir, 0, 0);
        this.producer = factory().buildProducer("hostile-producer");
    }

    KafkaFactory factory() {
        KafkaFactory factory = new KafkaFactory();
        factory.setBootstrapServers(broker.bootstrapServers());
        factory.setRequestPartitions(2);
        return factory;
    }

    RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }

    /** Every committed record of {@code topic} up to its current end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = factory().buildConsumer("hostile-reader", null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    @Override
    public void close() throws IOException {
        producer.close(Duration.ofSeconds(5));
        broker.close();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
