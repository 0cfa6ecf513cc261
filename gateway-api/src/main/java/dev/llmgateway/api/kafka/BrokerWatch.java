package dev.llmgateway.api.kafka;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the broker answers, from a cluster description asked for every {@code interval} on an
 * executor of its own. A Kafka producer keeps a job it cannot deliver for up to its delivery
 * timeout and says nothing meanwhile, so without this a request would wait for its whole deadline
 * while the broker is down; with it, requests are refused at once and those already waiting for
 * their send are released (see {@link #onUnreachable}). Each outage is logged when it starts and
 * when it ends.
 */
public final class BrokerWatch implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);

    private final Admin admin;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final Duration probeTimeout;
    private final List<Runnable> unreachableListeners = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;
    private volatile long latencyMs;
    private ScheduledFuture<?> probes;

    public BrokerWatch(Admin admin, ScheduledExecutorService executor, Duration interval, Duration probeTimeout) {
        this.admin = admin;
        this.executor = executor;
        this.interval = interval;
        this.probeTimeout = probeTimeout;
    }

    /** Runs {@code listener} on the watch's thread each time the broker stops answering. */
    public void onUnreachable(Runnable listener) {
        unreachableListeners.add(listener);
    }

    @Override
    public synchronized void start() {
        probe();
        probes = executor.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (probes != null) {
            probes.cancel(false);
        }
    }

    public boolean isReachable() {
        return reachable;
    }

    /** How long the last successful probe took. */
    public long latencyMs() {
        return latencyMs;
    }

    private void probe() {
        long start = System.nanoTime();
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) probeTimeout.toMillis())).nodes()
                    .get(probeTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            latencyMs = (System.nanoTime() - start) / 1_000_000;
            if (!reachable) {
                reachable = true;
                LOG.info("Kafka is reachable again; accepting jobs");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (reachable) {
                reachable = false;
                LOG.warn("Kafka is unreachable ({}); refusing jobs with 503 until it answers again",
                        e.getCause() == null ? e.toString() : e.getCause().toString());
                unreachableListeners.forEach(BrokerWatch::runQuietly);
            }
        }
    }

    private static void runQuietly(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("A listener of the Kafka outage failed: {}", e.toString());
        }
    }
}
