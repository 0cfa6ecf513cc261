package dev.llmgateway.worker.kafka;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
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
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * jobs are running. Stopped by {@link #stop()} ({@code wakeup}); closes its consumer itself.
 */
public final class JobConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PUBLISH_RETRY = Duration.ofSeconds(1);

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
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    start(record);
                }
                commitFinished(false);
                applyBackpressure();
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Job consumer stopped by an unexpected error", e);
        } finally {
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

    /** True once the group has given this consumer its partitions (possibly none). */
    public boolean isAssigned() {
        return assigned;
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
            deadLetters.send(record, e.getMessage()).whenComplete((ok, error) -> offsets.finished(record.offset()));
            return;
        }
        String replyTopic = GatewayHeaders.get(record.headers(), GatewayHeaders.REPLY_TOPIC);
        String correlation = GatewayHeaders.get(record.headers(), GatewayHeaders.CORRELATION_ID);
        String reply = replyTopic == null || replyTopic.isBlank() ? Topics.RESULTS.name() : replyTopic;
        String correlationId = correlation == null ? request.id() : correlation;
        executor.execute(request)
                .thenComposeAsync(result -> publishUntilDone(() -> publisher.publish(request, result, reply, correlationId)),
                        publishThread)
                .whenComplete((ok, error) -> offsets.finished(record.offset()));
    }

    private CompletableFuture<Void> publishUntilDone(java.util.function.Supplier<CompletableFuture<Void>> publish) {
        return publish.get().handle((ok, error) -> {
            if (error == null || !running) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            LOG.warn("Publishing a job's result failed, retrying in {} ms: {}", PUBLISH_RETRY.toMillis(), error.getMessage());
            CompletableFuture<Void> later = new CompletableFuture<>();
            timer.schedule(() -> publishUntilDone(publish).whenComplete((v, e) -> later.complete(null)),
                    PUBLISH_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return later;
        }).thenCompose(next -> next);
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
