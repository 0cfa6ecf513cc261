package dev.llmgateway.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/** Reads every partition of a topic from the beginning, without a consumer group. */
final class TopicReader {

    private static final Duration MAX_POLL = Duration.ofMillis(100);

    private final String bootstrapServers;

    TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keys, Deserializer<V> values,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration deadline) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        List<ConsumerRecord<K, V>> view = Collections.unmodifiableList(records);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(readerProps(), keys, values)) {
            List<TopicPartition> partitions = partitions(consumer, topic, deadlineNanos);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(view)) {
                Duration remaining = Duration.ofNanos(deadlineNanos - System.nanoTime());
                if (remaining.isNegative()) {
                    throw new AssertionError("condition not met within " + deadline + " on topic " + topic
                            + "; " + records.size() + " record(s) read: " + records);
                }
                consumer.poll(remaining.compareTo(MAX_POLL) < 0 ? remaining : MAX_POLL).forEach(records::add);
            }
        }
        return List.copyOf(records);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, long deadlineNanos) {
        List<PartitionInfo> infos = Awaitility.await("partitions of topic " + topic)
                .atMost(Duration.ofNanos(Math.max(deadlineNanos - System.nanoTime(), 1)))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsInstanceOf(TimeoutException.class)
                .until(() -> consumer.partitionsFor(topic, MAX_POLL), infoList -> !infoList.isEmpty());
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private Properties readerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "llm-gateway-test-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
