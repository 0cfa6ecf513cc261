package dev.llmgateway.api.openai;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs its tasks one at a time, in submission order, on threads of a shared executor, so one
 * stream's events are written in order without a thread of its own. Thread-safe.
 */
final class SerialExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor threads;
    private Runnable active; // guarded by this

    SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                scheduleNext();
            }
        });
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = tasks.poll();
        if (active != null) {
            threads.execute(active);
        }
    }
}
