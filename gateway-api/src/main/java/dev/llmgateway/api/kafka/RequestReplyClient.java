package dev.llmgateway.api.kafka;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topic;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jobs to {@code llm.requests} and completes the caller's future with the reply from this
 * instance's own reply topic. A pending future is registered before the send and removed if the
 * send fails; the reply, the deadline and shutdown all settle it through one {@code remove}, so
 * exactly one of them wins without locks. No thread waits for a reply. A reply nobody waits for
 * any more (its request timed out, or it is a redelivered duplicate) goes to the {@code unclaimed}
 * handler, on the reply thread: the handler must not block.
 *
 * <p>While {@code queueReachable} says the broker is down, jobs are refused at once, and
 * {@link #failUnqueued()} drops the jobs Kafka has not acknowledged yet: their callers get a 503
 * now rather than a 504 at their deadline, and may retry without the first attempt running too. A
 * request whose job Kafka has keeps waiting, since the job runs once the broker is back.
 *
 * <p>A streamed job's chunks (records with {@code message-type: chunk}) go to the chunk listener
 * of its pending request, on the reply thread and in order, each index at most once; chunks of a
 * request no longer pending, and of any request {@link #abandon abandoned} by its client, are
 * dropped. Chunks settle a request only when its job starts streaming again from chunk 0 (its
 * worker stopped and the job was redelivered): it fails with {@link StreamRestartedException},
 * since a second answer cannot continue the first. Otherwise the final result settles it.
 */
public final class RequestReplyClient implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RequestReplyClient.class);
    private static final String UNREACHABLE = "the job queue is unreachable; retry shortly";
    private static final Duration PARTITIONS_WAIT = Duration.ofSeconds(30);

    private final JobProducer producer;
    private final Consumer<byte[], byte[]> replyConsumer;
    private final Topic<String, GenerationResult> replyTopic;
    private final ScheduledExecutorService timer;
    private final java.util.function.Consumer<GenerationResult> unclaimed;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Thread replyThread;
    /** Runs what waits on a reply (serialising and writing the HTTP answer) off the reply consumer's thread. */
    private final java.util.concurrent.Executor completions;
    private final BooleanSupplier queueReachable;
    private volatile boolean running;
    private volatile boolean accepting;
    private volatile boolean ready;

    private static final class Pending {
        final CompletableFuture<GenerationResult> future;
        final ScheduledFuture<?> deadline;
        final java.util.function.Consumer<GenerationChunk> chunks;
        /** Kafka has acknowledged the job. */
        volatile boolean queued;
        /** The index of the next chunk to pass on; read and written only by the reply thread. */
        int nextChunk;

        Pending(CompletableFuture<GenerationResult> future, ScheduledFuture<?> deadline,
                java.util.function.Consumer<GenerationChunk> chunks) {
            this.future = future;
            this.deadline = deadline;
            this.chunks = chunks;
        }

        CompletableFuture<GenerationResult> future() {
            return future;
        }

        ScheduledFuture<?> deadline() {
            return deadline;
        }
    }

    public RequestReplyClient(JobProducer producer, Consumer<byte[], byte[]> replyConsumer,
            Topic<String, GenerationResult> replyTopic, ScheduledExecutorService timer,
            java.util.function.Consumer<GenerationResult> unclaimed, java.util.concurrent.Executor completions,
            BooleanSupplier queueReachable) {
        this.completions = completions;
        this.queueReachable = queueReachable;
        this.producer = producer;
        this.unclaimed = unclaimed;
        this.replyConsumer = replyConsumer;
        this.replyTopic = replyTopic;
        this.timer = timer;
        this.replyThread = new Thread(this::consumeReplies, "reply-consumer-" + replyTopic.name());
        this.replyThread.setDaemon(true);
    }

    @Override
    public void start() throws InterruptedException {
        List<PartitionInfo> partitions = replyPartitions();
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        replyConsumer.assign(assigned);
        replyConsumer.seekToEnd(assigned);
        // position() resolves the end offsets now, before any request is sent, so no reply is skipped.
        assigned.forEach(replyConsumer::position);
        running = true;
        accepting = true;
        ready = true;
        replyThread.start();
    }

    /**
     * The reply topic's partitions. Right after the topic is created the consumer's metadata may
     * not list it yet, and assigning no partitions would kill the reply thread at its first poll.
     */
    private List<PartitionInfo> replyPartitions() throws InterruptedException {
        long deadline = System.nanoTime() + PARTITIONS_WAIT.toNanos();
        List<PartitionInfo> partitions = replyConsumer.partitionsFor(replyTopic.name(), PARTITIONS_WAIT);
        while (partitions.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the reply topic " + replyTopic.name() + " has no partitions");
            }
            Thread.sleep(100);
            partitions = replyConsumer.partitionsFor(replyTopic.name(), PARTITIONS_WAIT);
        }
        return partitions;
    }

    /**
     * Called when the server starts stopping, while connections are still open: refuses new
     * requests, lets pending ones finish for up to {@code grace}, then answers the rest with 503.
     */
    public void drain(Duration grace) throws InterruptedException {
        accepting = false;
        long deadline = System.nanoTime() + grace.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        failAllPending();
    }

    @Override
    public void stop() throws InterruptedException {
        accepting = false;
        running = false;
        ready = false;
        replyConsumer.wakeup();
        replyThread.join(TimeUnit.SECONDS.toMillis(10));
        failAllPending();
    }

    /**
     * Answers 503 to every request whose job Kafka has not acknowledged, and drops those jobs so
     * that none runs once the broker is back; called when the broker goes away.
     */
    public void failUnqueued() {
        producer.dropUnacknowledged();
        for (Map.Entry<String, Pending> entry : List.copyOf(pending.entrySet())) {
            if (!entry.getValue().queued) {
                failSend(entry.getKey(), new QueueUnavailableException("the broker is unreachable"));
            }
        }
    }

    private void failAllPending() {
        for (String id : List.copyOf(pending.keySet())) {
            settle(id).ifPresent(p -> p.future().completeExceptionally(
                    new QueueUnavailableException("the gateway is shutting down; retry the request")));
        }
    }

    /** The future completes with the result, or with {@link ReplyTimeoutException} / {@link QueueUnavailableException}. */
    public CompletableFuture<GenerationResult> send(GenerationRequest request, Duration timeout) {
        return send(request, timeout, null);
    }

    /**
     * Like {@link #send(GenerationRequest, Duration)}, passing the chunks of a streamed job to
     * {@code chunks} as they arrive, on the reply thread: the listener must not block.
     */
    public CompletableFuture<GenerationResult> send(GenerationRequest request, Duration timeout,
            java.util.function.Consumer<GenerationChunk> chunks) {
        CompletableFuture<GenerationResult> future = new CompletableFuture<>();
        if (!accepting) {
            future.completeExceptionally(new QueueUnavailableException("the gateway is not accepting requests"));
            return future;
        }
        if (!queueReachable.getAsBoolean()) {
            future.completeExceptionally(new QueueUnavailableException(UNREACHABLE));
            return future;
        }
        if (!replyThread.isAlive()) {
            future.completeExceptionally(new QueueUnavailableException("this instance cannot receive answers; retry shortly"));
            return future;
        }
        String id = request.id();
        ScheduledFuture<?> deadline = timer.schedule(() -> settle(id).ifPresent(p -> p.future().completeExceptionally(
                new ReplyTimeoutException(id, timeout.toMillis()))), timeout.toMillis(), TimeUnit.MILLISECONDS);
        Pending waiting = new Pending(future, deadline, chunks);
        pending.put(id, waiting);
        ProducerRecord<byte[], byte[]> record = jobRecord(request, replyTopic.name(), true);
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failSend(id, error);
                } else {
                    waiting.queued = true;
                }
            });
        } catch (RuntimeException e) {
            failSend(id, e);
        }
        return future;
    }

    /**
     * Queues a job whose answer goes to {@code replyTopic} and that nobody here waits for. The future
     * completes once Kafka has the job, or fails with {@link QueueUnavailableException}. Without
     * {@code admitted}, workers pace the job against its provider's rate limit.
     */
    public CompletableFuture<Void> enqueue(GenerationRequest request, String replyTopic, boolean admitted) {
        CompletableFuture<Void> queued = new CompletableFuture<>();
        if (!accepting) {
            queued.completeExceptionally(new QueueUnavailableException("the gateway is not accepting requests"));
            return queued;
        }
        if (!queueReachable.getAsBoolean()) {
            queued.completeExceptionally(new QueueUnavailableException(UNREACHABLE));
            return queued;
        }
        ProducerRecord<byte[], byte[]> record = jobRecord(request, replyTopic, admitted);
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    queued.complete(null);
                } else {
                    LOG.warn("Job {} could not be queued: {}", request.id(), error.getMessage());
                    queued.completeExceptionally(new QueueUnavailableException(UNREACHABLE));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Job {} could not be queued: {}", request.id(), e.getMessage());
            queued.completeExceptionally(new QueueUnavailableException(UNREACHABLE));
        }
        return queued;
    }

    private static ProducerRecord<byte[], byte[]> jobRecord(GenerationRequest request, String replyTopic,
            boolean admitted) {
        ProducerRecord<byte[], byte[]> record = Topics.REQUESTS.record(request.id(), request);
        GatewayHeaders.put(record.headers(), GatewayHeaders.CORRELATION_ID, request.id());
        GatewayHeaders.put(record.headers(), GatewayHeaders.REPLY_TOPIC, replyTopic);
        if (admitted) {
            GatewayHeaders.put(record.headers(), GatewayHeaders.ADMITTED, "true");
        }
        return record;
    }

    /** Whether jobs can be handed to Kafka now; false while the broker is unreachable or this instance stops. */
    public boolean acceptsJobs() {
        return accepting && queueReachable.getAsBoolean();
    }

    /**
     * The client waiting for {@code id} has gone: its pending request is removed (the future is
     * cancelled) and its later chunks and result are dropped. The job itself runs to its end, and
     * its usage is counted by the worker as for any job.
     */
    public void abandon(String id) {
        settle(id).ifPresent(p -> p.future().cancel(false));
    }

    public boolean isReady() {
        return ready && replyThread.isAlive();
    }

    public int pendingCount() {
        return pending.size();
    }

    private void failSend(String id, Exception error) {
        LOG.warn("Job {} could not be queued: {}", id, error.getMessage());
        settle(id).ifPresent(p -> p.future().completeExceptionally(
                new QueueUnavailableException(UNREACHABLE)));
    }

    private java.util.Optional<Pending> settle(String id) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.deadline().cancel(false);
        }
        return java.util.Optional.ofNullable(p);
    }

    private void consumeReplies() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : replyConsumer.poll(Duration.ofMillis(500))) {
                    deliver(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Reply consumer of {} died; requests will time out until restart", replyTopic.name(), e);
        } finally {
            replyConsumer.close();
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        String correlation = GatewayHeaders.get(record.headers(), GatewayHeaders.CORRELATION_ID);
        if (GatewayHeaders.isChunk(record.headers())) {
            deliverChunk(record, correlation);
            return;
        }
        GenerationResult result;
        try {
            result = replyTopic.value(record);
        } catch (RuntimeException e) {
            LOG.warn("Unreadable reply on {} for {}: {}", replyTopic.name(), correlation, e.getMessage());
            return;
        }
        String id = correlation != null ? correlation : result.id();
        settle(id).ifPresentOrElse(p -> completions.execute(() -> p.future().complete(result)), () -> {
            LOG.debug("Reply {} arrived after its request was settled (timed out or duplicate)", id);
            try {
                unclaimed.accept(result);
            } catch (RuntimeException e) {
                LOG.warn("Unclaimed reply {} not handled: {}", id, e.getMessage());
            }
        });
    }

    private void deliverChunk(ConsumerRecord<byte[], byte[]> record, String correlation) {
        GenerationChunk chunk;
        try {
            chunk = Topics.CHUNKS.value(record);
        } catch (RuntimeException e) {
            LOG.warn("Unreadable chunk on {} for {}: {}", replyTopic.name(), correlation, e.getMessage());
            return;
        }
        String id = correlation != null ? correlation : chunk.requestId();
        Pending waiting = pending.get(id);
        if (waiting == null || waiting.chunks == null) {
            return; // its client has gone, or it does not stream
        }
        if (chunk.index() < waiting.nextChunk) {
            if (chunk.index() == 0) {
                settle(id).ifPresent(p -> completions.execute(() -> p.future().completeExceptionally(
                        new StreamRestartedException(id))));
            }
            return;
        }
        waiting.nextChunk = chunk.index() + 1;
        try {
            waiting.chunks.accept(chunk);
        } catch (RuntimeException e) {
            LOG.warn("Chunk {} of {} not relayed: {}", chunk.index(), chunk.requestId(), e.getMessage());
        }
    }
}
