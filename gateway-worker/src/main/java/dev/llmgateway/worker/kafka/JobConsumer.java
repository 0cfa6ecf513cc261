package dev.llmgateway.worker.kafka;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.worker.execution.GenerationExecutor;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread of the worker pool: polls {@code llm.requests}, starts each job without
 * waiting for it, and commits a partition's offset only once the reply and usage event of every
 * earlier job of that partition are acknowledged. Pauses its partitions while {@code maxInFlight}
 * jobs are running. Stopped by {@link #stop()} ({@code wakeup}); closes its consumer itself, after
 * the publishes under way are acknowledged and committed. Jobs still running then are abandoned,
 * never published: they were not committed, so the partition's next owner answers them.
 */
public final class JobConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PUBLISH_RETRY = Duration.ofSeconds(1);
    /** Longer than the producer's delivery timeout, so a publish under way at stop can finish. */
    private static final Duration PUBLISH_DRAIN = Duration.ofSeconds(20);

    private final Consumer<byte[], byte[]> consumer;
    private final GenerationExecutor executor;
    private final ResultPublisher publisher;
    private final DeadLetters deadLetters;
    private final Executor publishThread;
    private final ScheduledExecutorService timer;
    private final int maxInFlight;
    private final Map<TopicPartition, PartitionOffsets> partitions = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean assigned;
    private final Object publishGate = new Object();
    private boolean closing; // guarded by publishGate
    private int publishing; // guarded by publishGate

    public JobConsumer(Consumer<byte[], byte[]> consumer, GenerationExecutor executor, ResultPublisher publisher,
            Executor publishThread, ScheduledExecutorService timer, int maxInFlight) {
        this.consumer = consumer;
        this.executor = executor;
        this.publisher = publisher;
        this.deadLetters = new DeadLetters(publisher);
        this.publishThread = publishThread;
        this.timer = timer;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.REQUESTS.name()), new Rebalance());
            while (running) {
                startWithinLimit(consumer.poll(POLL));
                commitFinished(false);
                applyBackpressure();
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Job consumer stopped by an unexpected error", e);
        } finally {
            // also after an unexpected error: stop publish retries, and let health checks see it
            running = false;
            assigned = false;
            closePublishing();
            try {
                commitFinished(true);
            } catch (RuntimeException e) {
                LOG.warn("Final offset commit failed; unfinished jobs will be redelivered: {}", e.getMessage());
            }
            consumer.close();
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** True once the group has given this consumer its partitions (possibly none), until it ends. */
    public boolean isAssigned() {
        return assigned;
    }

    /** Kafka's {@code records-lag-max} for this consumer: how far behind its furthest partition is. */
    public long lag() {
        for (var entry : consumer.metrics().entrySet()) {
            if (entry.getKey().name().equals("records-lag-max") && entry.getKey().tags().get("topic") == null) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.longValue() : 0;
            }
        }
        return 0;
    }

    public int inFlight() {
        return partitions.values().stream().mapToInt(PartitionOffsets::inFlight).sum();
    }

    private void start(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionOffsets offsets = partitions.computeIfAbsent(tp, ignored -> new PartitionOffsets());
        offsets.started(record.offset());
        GenerationRequest request;
        try {
            request = Topics.REQUESTS.value(record);
            if (request == null) {
                throw new SerializationException("the record has no value");
            }
        } catch (SerializationException e) {
            deadLetter(record, offsets, e.getMessage());
            return;
        }
        String replyTopic = GatewayHeaders.get(record.headers(), GatewayHeaders.REPLY_TOPIC);
        String correlation = GatewayHeaders.get(record.headers(), GatewayHeaders.CORRELATION_ID);
        String reply = replyTopic == null || replyTopic.isBlank() ? Topics.RESULTS.name() : replyTopic;
        String refusedReply = ReplyTopics.refusal(reply);
        if (refusedReply != null) {
            deadLetter(record, offsets, refusedReply);
            return;
        }
        String correlationId = correlation == null ? request.id() : correlation;
        boolean admitted = "true".equals(GatewayHeaders.get(record.headers(), GatewayHeaders.ADMITTED));
        java.util.function.Consumer<GenerationChunk> chunks = chunk -> publisher.publishChunk(chunk, reply, correlationId);
        (admitted ? executor.execute(request, chunks) : executor.executePaced(request, chunks))
                .thenComposeAsync(result -> publishGated(() -> publisher.publish(request, result, reply, correlationId)),
                        publishThread)
                .whenComplete((published, error) -> {
                    if (Boolean.TRUE.equals(published)) {
                        offsets.finished(record.offset());
                    } else if (error != null) {
                        LOG.error("Job {} was not published; it stays uncommitted and will be redelivered", request.id(),
                                error);
                    }
                });
    }

    /** Retried like a result: a job that could not be dead-lettered must not be committed. */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, PartitionOffsets offsets, String reason) {
        publishGated(() -> deadLetters.send(record, reason)).thenAccept(published -> {
            if (published) {
                offsets.finished(record.offset());
            }
        });
    }

    /**
     * Publishes unless this consumer is closing, and completes with whether the job was published.
     * Once closing, a job that has not started publishing never does: its offset is not committed,
     * so the next owner of the partition answers it, and answering it here too would count it twice.
     */
    private CompletableFuture<Boolean> publishGated(Supplier<CompletableFuture<Void>> publish) {
        synchronized (publishGate) {
            if (closing) {
                return CompletableFuture.completedFuture(false);
            }
            publishing++;
        }
        return publishUntilDone(publish).whenComplete((published, error) -> {
            synchronized (publishGate) {
                publishing--;
                publishGate.notifyAll();
            }
        });
    }

    /** Retries until published (true), or until the consumer stops (false: the job stays uncommitted). */
    private CompletableFuture<Boolean> publishUntilDone(Supplier<CompletableFuture<Void>> publish) {
        CompletableFuture<Void> attempt;
        try {
            attempt = publish.get();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        return attempt.handle((ok, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(true);
            }
            if (!running) {
                LOG.warn("Publishing a job's result failed while stopping; it will be redelivered: {}", error.getMessage());
                return CompletableFuture.completedFuture(false);
            }
            LOG.warn("Publishing a job's result failed, retrying in {} ms: {}", PUBLISH_RETRY.toMillis(), error.getMessage());
            CompletableFuture<Boolean> later = new CompletableFuture<>();
            timer.schedule(() -> {
                publishUntilDone(publish).whenComplete((published, e) -> later.complete(Boolean.TRUE.equals(published)));
            }, PUBLISH_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return later;
        }).thenCompose(next -> next);
    }

    /** No job starts publishing from now on; waits (bounded) for those publishing to be acknowledged. */
    private void closePublishing() {
        long deadline = System.nanoTime() + PUBLISH_DRAIN.toNanos();
        synchronized (publishGate) {
            closing = true;
            try {
                while (publishing > 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        LOG.warn("{} job(s) still publishing at stop; they will be redelivered", publishing);
                        return;
                    }
                    publishGate.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commitFinished(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        partitions.forEach((tp, offsets) -> {
            long committable = offsets.takeCommittable();
            if (committable >= 0) {
                commits.put(tp, new OffsetAndMetadata(committable));
            }
        });
        if (commits.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(commits);
        } else {
            consumer.commitAsync(commits, (committed, error) -> {
                if (error != null) {
                    LOG.warn("Offset commit failed (jobs after the last commit may be redelivered): {}", error.getMessage());
                }
            });
        }
    }

    /**
     * Starts the polled jobs while fewer than {@code maxInFlight} run; a partition's first job beyond
     * that, and the rest of it, are fetched again after the pause instead (a poll returns up to
     * {@code max.poll.records}, more than the limit).
     */
    private void startWithinLimit(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (rewind.containsKey(tp)) {
                continue;
            }
            if (inFlight() >= maxInFlight) {
                rewind.put(tp, record.offset());
                continue;
            }
            start(record);
        }
        rewind.forEach(consumer::seek);
    }

    private void applyBackpressure() {
        if (inFlight() >= maxInFlight) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                commitFinished(true);
            } catch (RuntimeException e) {
                LOG.warn("Commit on revocation failed; unfinished jobs will be redelivered: {}", e.getMessage());
            }
            revoked.forEach(partitions::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> newlyAssigned) {
            // Resolve positions now, so with auto.offset.reset=latest no job sent after readiness is skipped.
            newlyAssigned.forEach(consumer::position);
            assigned = true;
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(partitions::remove);
        }
    }
}
