package dev.llmgateway.api.jobs;

import dev.llmgateway.api.cache.ResponseCache;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationResult;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the answers of asynchronous jobs from {@code llm.results} into the jobs table. Every API
 * instance runs one, all in one consumer group: whichever instance is alive records the answer,
 * also of a job submitted through an instance that has stopped since. Offsets are committed only
 * after the batch's transaction, so an answer is recorded at least once and the recording is
 * idempotent (only a queued row takes an answer). Answers that match no job (batch producers'
 * own jobs share the topic) cost one primary-key lookup each. One thread, one consumer, stopped
 * by {@code wakeup()}.
 */
public final class JobResultRecorder implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(JobResultRecorder.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_MS = 1000;

    private final Consumer<byte[], byte[]> consumer;
    private final JobStore store;
    private final ResponseCache cache;
    private final Thread thread;
    private volatile boolean running;

    public JobResultRecorder(Consumer<byte[], byte[]> consumer, JobStore store, ResponseCache cache) {
        this.consumer = consumer;
        this.store = store;
        this.cache = cache;
        this.thread = new Thread(this::run, "job-result-recorder");
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void run() {
        try {
            // The group resumes at its committed offsets, a new group at the earliest retained result
            // (auto.offset.reset=earliest, KafkaFactory's default): no answer is skipped, whenever this joins.
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    recordOrRewind(records);
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Job result recorder stopped by an unexpected error; job answers wait for another instance", e);
        } finally {
            consumer.close();
        }
    }

    private void recordOrRewind(ConsumerRecords<byte[], byte[]> records) {
        List<GenerationResult> results = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(tp, record.offset());
            next.put(tp, new OffsetAndMetadata(record.offset() + 1));
            if (GatewayHeaders.isChunk(record.headers())) {
                continue; // a piece of a streamed job's answer: its result follows
            }
            try {
                GenerationResult result = Topics.RESULTS.value(record);
                if (result != null) {
                    results.add(result);
                }
            } catch (RuntimeException e) {
                LOG.warn("Unreadable result at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        try {
            store.answerQueued(results).forEach(cache::put);
            consumer.commitSync(next);
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (RuntimeException e) {
            LOG.warn("Recording {} job results failed, retrying in {} ms: {}", results.size(), RETRY_MS, e.getMessage());
            first.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
