package dev.llmgateway.worker.kafka;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.worker.execution.GenerationExecutor;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's consumer threads on {@code llm.requests} and the producer they share. */
public final class WorkerPool implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final KafkaFactory kafka;
    private final GenerationExecutor executor;
    private final ScheduledExecutorService timer;
    private final String groupId;
    private final int consumerCount;
    private final int maxInFlight;
    private final List<JobConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;
    private ExecutorService publishThread;

    public WorkerPool(KafkaFactory kafka, GenerationExecutor executor, ScheduledExecutorService timer, String groupId,
            int consumerCount, int maxInFlight) {
        this.kafka = kafka;
        this.executor = executor;
        this.timer = timer;
        this.groupId = groupId;
        this.consumerCount = consumerCount;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public synchronized void start() {
        producer = kafka.buildProducer(groupId + "-producer");
        publishThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker-publish"));
        ResultPublisher publisher = new ResultPublisher(producer, Clock.systemUTC());
        for (int i = 0; i < consumerCount; i++) {
            JobConsumer consumer = new JobConsumer(kafka.buildConsumer(groupId + "-" + i, groupId), executor,
                    publisher, publishThread, timer, maxInFlight);
            Thread thread = new Thread(consumer, "worker-consumer-" + i);
            consumers.add(consumer);
            threads.add(thread);
            thread.start();
        }
        LOG.info("Worker pool started: {} consumers in group {}, up to {} jobs in flight each", consumerCount,
                groupId, maxInFlight);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        consumers.forEach(JobConsumer::stop);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        consumers.clear();
        threads.clear();
        if (publishThread != null) {
            publishThread.shutdown();
            publishThread.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }

    /** Every consumer has joined the group and received its partitions. */
    public boolean isReady() {
        return !consumers.isEmpty() && consumers.stream().allMatch(JobConsumer::isAssigned);
    }

    /** The largest number of jobs any consumer of this pool is behind on one partition. */
    public long lag() {
        return consumers.stream().mapToLong(JobConsumer::lag).max().orElse(0);
    }

    public int inFlight() {
        return consumers.stream().mapToInt(JobConsumer::inFlight).sum();
    }
}
