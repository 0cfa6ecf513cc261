package dev.llmgateway.api.faults;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a reply topic from its beginning on a thread of its own, as a batch producer would, and
 * counts what arrives: replies per id, failures by error type, replies without the expected
 * correlation id.
 */
final class ReplyTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<String, String> correlationOf;
    private final Map<String, Integer> repliesById = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresByType = new ConcurrentHashMap<>();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong uncorrelated = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private ReplyTail(KafkaConsumer<byte[], byte[]> consumer, Function<String, String> correlationOf) {
        this.consumer = consumer;
        this.correlationOf = correlationOf;
        this.thread = new Thread(this::run, "reply-tail");
    }

    /** @param correlationOf the correlation id each reply must carry, from its id */
    static ReplyTail start(KafkaBroker broker, String topic, Function<String, String> correlationOf) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        ReplyTail tail = new ReplyTail(consumer, correlationOf);
        tail.thread.start();
        return tail;
    }

    /** How many different ids have been answered so far. */
    int answered() {
        check();
        return repliesById.size();
    }

    long replies() {
        check();
        return replies.get();
    }

    /** Replies beyond the first for their id. */
    long duplicates() {
        return replies() - answered();
    }

    long uncorrelated() {
        check();
        return uncorrelated.get();
    }

    Map<String, Integer> failuresByType() {
        check();
        return new TreeMap<>(failuresByType);
    }

    boolean hasAnswered(String id) {
        return repliesById.containsKey(id);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    count(record);
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        String id = new String(record.key(), StandardCharsets.UTF_8);
        GenerationResult result = Topics.RESULTS.value(record);
        if (!result.isSuccess()) {
            failuresByType.merge(result.error().type(), 1, Integer::sum);
        }
        if (!correlationOf.apply(id).equals(GatewayHeaders.get(record.headers(), GatewayHeaders.CORRELATION_ID))) {
            uncorrelated.incrementAndGet();
        }
        repliesById.merge(id, 1, Integer::sum);
        replies.incrementAndGet();
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("the reply topic could not be read", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
