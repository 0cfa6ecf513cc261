package dev.llmgateway.worker.execution;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer that does not wait: each delayed task moves the {@link MutableClock} forward by its
 * delay and runs at once. The delays asked for are recorded.
 */
final class FastForwardTimer extends ScheduledThreadPoolExecutor {
    private final MutableClock clock;
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    FastForwardTimer(MutableClock clock) {
        super(1);
        this.clock = clock;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Duration wait = Duration.ofNanos(unit.toNanos(delay));
        delays.add(wait);
        clock.advance(wait);
        return super.schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Duration wait = Duration.ofNanos(unit.toNanos(delay));
        delays.add(wait);
        clock.advance(wait);
        return super.schedule(callable, 0, TimeUnit.NANOSECONDS);
    }

    List<Duration> delays() {
        return List.copyOf(delays);
    }
}
