package dev.llmgateway.cli.batch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, a shutdown of the JVM (Ctrl-C, SIGTERM) interrupts the thread that opened it and
 * holds the JVM up to {@code grace} until it is closed: the run stops sending, closes its output
 * and prints its summary first.
 */
final class InterruptOnShutdown implements AutoCloseable {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private InterruptOnShutdown(Thread owner, Duration grace) {
        this.hook = new Thread(() -> {
            owner.interrupt();
            try {
                closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "batch-shutdown");
    }

    static InterruptOnShutdown install(Duration grace) {
        InterruptOnShutdown guard = new InterruptOnShutdown(Thread.currentThread(), grace);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running, and returns now that the latch is open
        }
    }
}
