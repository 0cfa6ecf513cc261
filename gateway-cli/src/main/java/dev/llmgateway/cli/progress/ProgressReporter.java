package dev.llmgateway.cli.progress;

import dev.llmgateway.cli.batch.Snapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reports a batch's progress on stderr while it runs: on a terminal one line redrawn in place a
 * few times a second, otherwise a plain line every {@code plainEvery} (logs and CI keep them).
 * The rate is over the last ten seconds, so the ETA follows the current pace.
 */
public final class ProgressReporter implements AutoCloseable {
    /** Where the report goes; {@code AUTO} is a redrawn line on a terminal, plain lines otherwise. */
    public enum Mode { AUTO, TTY, PLAIN, NONE }

    private static final Duration TICK = Duration.ofMillis(250);
    private static final long RATE_WINDOW_NANOS = Duration.ofSeconds(10).toNanos();
    private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";

    private final Mode mode;
    private final PrintWriter err;
    private final Supplier<Snapshot> snapshots;
    private final long plainEveryNanos;
    private final RateMeter rate = new RateMeter(RATE_WINDOW_NANOS);
    private final long startNanos = System.nanoTime();
    private long lastPrintedNanos = startNanos; // only the ticking thread touches it
    private ScheduledExecutorService ticker;

    public ProgressReporter(Mode mode, PrintWriter err, Supplier<Snapshot> snapshots, Duration plainEvery) {
        this.mode = mode == Mode.AUTO ? (System.console() != null ? Mode.TTY : Mode.PLAIN) : mode;
        this.err = err;
        this.snapshots = snapshots;
        this.plainEveryNanos = plainEvery.toNanos();
    }

    public ProgressReporter start() {
        if (mode != Mode.NONE) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void tick() {
        long now = System.nanoTime();
        Snapshot snapshot = snapshots.get();
        rate.record(now, snapshot.finishedThisRun());
        String line = ProgressLine.format(snapshot, rate.perSecond(), Duration.ofNanos(now - startNanos));
        if (mode == Mode.TTY) {
            err.print("\r" + line + CLEAR_TO_END_OF_LINE);
            err.flush();
        } else if (now - lastPrintedNanos >= plainEveryNanos) {
            lastPrintedNanos = now;
            err.println(line);
            err.flush();
        }
    }

    /** Stops reporting; on a terminal the progress line is cleared for what follows. */
    @Override
    public void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a Ctrl-C right at the end: the summary is still printed
        }
        if (mode == Mode.TTY) {
            err.print("\r" + CLEAR_TO_END_OF_LINE);
            err.flush();
        }
    }
}
