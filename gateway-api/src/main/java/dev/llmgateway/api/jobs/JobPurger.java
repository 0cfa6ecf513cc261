package dev.llmgateway.api.jobs;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes jobs older than the retention, every {@code interval}. Every API instance runs one; their
 * deletes overlap harmlessly.
 */
public final class JobPurger implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(JobPurger.class);

    private final JobStore store;
    private final Duration retention;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private ScheduledFuture<?> schedule;

    public JobPurger(JobStore store, Duration retention, Duration interval, ScheduledExecutorService timer, Clock clock) {
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("jobs retention and purge interval must be positive, got "
                    + retention + " and " + interval);
        }
        this.store = store;
        this.retention = retention;
        this.interval = interval;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public void start() {
        schedule = timer.scheduleWithFixedDelay(this::purgeQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** Deletes the jobs created before now minus the retention; returns how many. */
    public int purge() {
        int deleted = store.purgeCreatedBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            LOG.info("Purged {} jobs older than {}", deleted, retention);
        }
        return deleted;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("Purging old jobs failed, retrying in {}: {}", interval, e.getMessage());
        }
    }
}
