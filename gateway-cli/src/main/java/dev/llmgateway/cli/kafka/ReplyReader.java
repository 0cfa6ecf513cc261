package dev.llmgateway.cli.kafka;

import dev.llmgateway.cli.errors.GatewayUnavailableException;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a reply topic on a thread of its own, without a consumer group, from its end as of
 * {@link #start}: every result produced after {@code start} returns is handed to the handler, one
 * at a time. Records that are not results are logged and skipped. An exception of the handler
 * stops the reader; {@link #failure()} tells it. Stopped by {@link #close()} ({@code wakeup}).
 */
public final class ReplyReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY = Duration.ofMillis(50);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<GenerationResult> handler;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private ReplyReader(KafkaConsumer<byte[], byte[]> consumer, Consumer<GenerationResult> handler) {
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::run, "reply-reader");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition of {@code topic} at its end and starts reading; returns once positioned. */
    public static ReplyReader start(KafkaFactory kafka, String clientId, String topic, Consumer<GenerationResult> handler) {
        KafkaConsumer<byte[], byte[]> consumer = kafka.buildConsumer(clientId, null);
        try {
            List<TopicPartition> partitions = partitionsOf(consumer, topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // resolve the positions now: a reply produced before the first poll must not be skipped
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        ReplyReader reader = new ReplyReader(consumer, handler);
        reader.thread.start();
        return reader;
    }

    private static List<PartitionInfo> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            // a topic created a moment ago may have no metadata yet: ask again until it has
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_WAIT);
            if (partitions != null && !partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new GatewayUnavailableException("reply topic " + topic + " has no partitions after "
                        + METADATA_WAIT.toSeconds() + " s", null);
            }
            LockSupport.parkNanos(METADATA_RETRY.toNanos());
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (GatewayHeaders.isChunk(record.headers())) {
                        continue; // a piece of a streamed job's answer: its result follows
                    }
                    GenerationResult result;
                    try {
                        result = Topics.RESULTS.value(record);
                    } catch (SerializationException e) {
                        LOG.warn("Skipping a record of {} that is not a result: {}", record.topic(), e.getMessage());
                        continue;
                    }
                    if (result != null) {
                        handler.accept(result);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** What stopped the reader early, or null. */
    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
