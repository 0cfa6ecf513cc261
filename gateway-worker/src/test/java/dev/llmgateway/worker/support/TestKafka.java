package dev.llmgateway.worker.support;

import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing jobs to, and reading and inspecting topics of, the test JVM's shared broker. */
public final class TestKafka implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaBroker broker = KafkaBroker.shared();
    private final KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(broker.producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    private final Admin admin;

    public TestKafka() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        this.admin = Admin.create(props);
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** A new topic of one partition, named {@code prefix.<uuid>}. */
    public String newTopic(String prefix) {
        String name = prefix + "." + UUID.randomUUID();
        broker.createTopics(name);
        return name;
    }

    /** A job record for {@code llm.requests}, with the reply headers when not null. */
    public static ProducerRecord<byte[], byte[]> job(GenerationRequest request, String replyTopic, String correlationId) {
        return withHeaders(Topics.REQUESTS.record(request.id(), request), replyTopic, correlationId);
    }

    /** A job record keyed by {@code key} instead of its id, e.g. to put jobs on one partition. */
    public static ProducerRecord<byte[], byte[]> job(String key, GenerationRequest request, String replyTopic,
            String correlationId) {
        return withHeaders(new ProducerRecord<>(Topics.REQUESTS.name(), utf8(key),
                Topics.REQUESTS.valueSerde().serializer().serialize(Topics.REQUESTS.name(), request)),
                replyTopic, correlationId);
    }

    /** Any bytes as a job, keyed by {@code key}. */
    public static ProducerRecord<byte[], byte[]> rawJob(String key, String value, String replyTopic, String correlationId) {
        return withHeaders(new ProducerRecord<>(Topics.REQUESTS.name(), utf8(key), utf8(value)), replyTopic, correlationId);
    }

    /** Sends and waits for the broker's acknowledgement. */
    public RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + record.topic(), e);
        }
    }

    /** Sends in one transaction, so a read_committed consumer sees the records all at once. */
    public List<RecordMetadata> sendAtomically(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = broker.producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> transactional =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            List<Future<RecordMetadata>> sent = records.stream().map(transactional::send).toList();
            transactional.commitTransaction();
            List<RecordMetadata> acked = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                acked.add(future.get(30, TimeUnit.SECONDS));
            }
            return acked;
        } catch (Exception e) {
            throw new AssertionError("cannot produce " + records.size() + " records in a transaction", e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code count} records have {@code key}; returns those. */
    public List<ConsumerRecord<byte[], byte[]>> awaitKeyed(String topic, String key, int count) {
        return withKey(broker.readUntil(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                records -> withKey(records, key).size() >= count, WAIT), key);
    }

    /** Every record of {@code topic} up to its end offsets as of now. */
    public List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic) {
        Map<Integer, Long> ends = endOffsets(topic);
        Predicate<List<ConsumerRecord<byte[], byte[]>>> reachedEnds = records -> ends.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || records.stream()
                        .anyMatch(r -> r.partition() == end.getKey() && r.offset() >= end.getValue() - 1));
        return broker.readUntil(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), reachedEnds, WAIT);
    }

    public static List<ConsumerRecord<byte[], byte[]>> withKey(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream().filter(r -> r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .toList();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return GatewayHeaders.get(record.headers(), name);
    }

    /** Waits until {@code group} has committed {@code offset} (the next to read) on the partition. */
    public void awaitCommitted(String group, TopicPartition partition, long offset) {
        await("offset " + offset + " committed by " + group + " on " + partition).atMost(WAIT)
                .until(() -> committed(group, partition), committed -> committed == offset);
    }

    /** The group's committed offset on the partition, -1 when none. */
    public long committed(String group, TopicPartition partition) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new AssertionError("cannot read the offsets of group " + group, e);
        }
    }

    public Map<Integer, Long> endOffsets(String topic) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError("cannot read the end offsets of " + topic, e);
        }
    }

    public static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<byte[], byte[]> withHeaders(ProducerRecord<byte[], byte[]> record, String replyTopic,
            String correlationId) {
        if (replyTopic != null) {
            GatewayHeaders.put(record.headers(), GatewayHeaders.REPLY_TOPIC, replyTopic);
        }
        if (correlationId != null) {
            GatewayHeaders.put(record.headers(), GatewayHeaders.CORRELATION_ID, correlationId);
        }
        return record;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
