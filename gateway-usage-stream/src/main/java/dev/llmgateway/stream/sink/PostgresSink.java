package dev.llmgateway.stream.sink;

import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.UsageEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code llm.usage} into {@code usage_records} and {@code llm.usage.daily} into
 * {@code usage_daily}, on one consumer thread. A poll's rows are written in one transaction and
 * the offsets committed only after it; both writes are idempotent (a request id is inserted once,
 * a day row is set to absolute totals), so a crash between the two replays rows that change nothing.
 *
 * <p>Why a plain consumer beside the topology, not a processor inside it: a processor that waits
 * for Postgres holds its stream thread past {@code max.poll.interval.ms} and the exactly-once
 * transaction timeout, so the task is fenced, rebalanced and retried in a loop; one that gives up
 * has to skip the record or kill the thread. Here, when a write fails, the sink seeks back to the
 * batch's first offsets, pauses its partitions and keeps polling (so it stays in the group) until
 * the backoff has passed, then reads the same records again. Meanwhile the stream keeps counting
 * and publishing {@code llm.usage.daily}; the sink catches up when Postgres is back. When Postgres
 * refuses the data itself rather than being unavailable, no retry can help: the batch's rows are
 * written one by one and those refused are skipped with a log line.
 *
 * <p>Thread-safe accessors for health: {@link #status()}. Stopped by {@link #stop()} ({@code wakeup});
 * closes its consumer itself.
 */
public final class PostgresSink implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final UsageSinkDao dao;
    private final Backoff backoff;
    private volatile boolean running = true;
    private volatile SinkStatus status = SinkStatus.STARTING;
    private long resumeAtNanos;
    private boolean paused;

    public PostgresSink(Consumer<byte[], byte[]> consumer, UsageSinkDao dao, Duration retryMin, Duration retryMax) {
        this.consumer = consumer;
        this.dao = dao;
        this.backoff = new Backoff(retryMin, retryMax);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.USAGE.name(), Topics.USAGE_DAILY.name()), new Rebalance());
            while (running) {
                resumeWhenBackoffIsOver();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    store(SinkBatch.of(records));
                }
                status = status.withLag(lag());
            }
        } catch (WakeupException stopping) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.error("Usage sink stopped by an unexpected error; uncommitted usage will be read again", e);
            status = status.failing("stopped: " + e);
        } finally {
            consumer.close();
            status = status.stopped();
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public SinkStatus status() {
        return status;
    }

    private void store(SinkBatch batch) {
        try {
            dao.write(batch.events(), batch.totals());
        } catch (JdbiException e) {
            if (!PostgresRefusal.isRefusal(e)) {
                retryLater(batch, e);
                return;
            }
            try {
                writeEachSkippingRefused(batch);
            } catch (JdbiException again) {
                retryLater(batch, again);
                return;
            }
        }
        if (status.failure() != null) {
            LOG.info("Usage sink writes to Postgres again");
        }
        backoff.reset();
        status = status.healthy();
        commit(batch);
    }

    /**
     * Writes the rows of a batch Postgres refused one by one, and skips those it refuses alone: a
     * row that can never be stored (a day's cost past {@code NUMERIC(24,12)}) must not stop the
     * sink for good. Rows already written are written again unchanged if a later one fails otherwise.
     */
    private void writeEachSkippingRefused(SinkBatch batch) {
        for (UsageEvent event : batch.events()) {
            writeOrSkip(() -> dao.write(List.of(event), List.of()), "usage event " + event.requestId());
        }
        for (DailyUsage totals : batch.totals()) {
            writeOrSkip(() -> dao.write(List.of(), List.of(totals)), "daily totals of " + totals.key());
        }
    }

    private void writeOrSkip(Runnable write, String row) {
        try {
            write.run();
        } catch (JdbiException e) {
            if (!PostgresRefusal.isRefusal(e)) {
                throw e;
            }
            LOG.error("Skipping {}: Postgres refuses it ({}), so it can never be stored", row, rootMessage(e));
        }
    }

    private void retryLater(SinkBatch batch, JdbiException e) {
        Duration wait = backoff.next();
        LOG.warn("Writing usage to Postgres failed, reading the batch again in {} ms: {}", wait.toMillis(),
                rootMessage(e));
        batch.firstOffsets().forEach(consumer::seek);
        consumer.pause(consumer.assignment());
        paused = true;
        resumeAtNanos = System.nanoTime() + wait.toNanos();
        status = status.failing(rootMessage(e));
    }

    private void resumeWhenBackoffIsOver() {
        if (paused && System.nanoTime() - resumeAtNanos >= 0) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void commit(SinkBatch batch) {
        try {
            consumer.commitSync(batch.nextOffsets());
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (KafkaException e) {
            LOG.warn("Offset commit failed; the written batch will be read and rewritten unchanged: {}", e.getMessage());
        }
    }

    private long lag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            total += lag.orElse(0);
        }
        return total;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // Every written batch is already committed; an unwritten one is read again by the new owner.
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (paused) {
                consumer.pause(assigned);
            }
            status = status.onceAssigned();
        }
    }

}
