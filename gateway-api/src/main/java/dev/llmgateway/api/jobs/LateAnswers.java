package dev.llmgateway.api.jobs;

import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the answers of /generate requests that timed out, so the id in the 504 can be looked up
 * later. Rows are written only for those: replies nobody waits for any more (a timed-out
 * request's, or the rare duplicate of a redelivered job), and the answer a timed-out follower of
 * an identical in-flight request was waiting for. A row for every request would cost each one a
 * Postgres commit (measured here: 0.4 ms alone, at most ~4,800 inserts/s on two cores, so an
 * insert and an update per request would cap the gateway near 2,400 requests/s, a tenth of what
 * the Kafka round trip sustains) and would tie /generate's availability to Postgres.
 *
 * <p>The timeout records the request and the late reply records the answer, from different
 * threads and in either order: both are upserts that commute. The writes run on their own
 * executor, never on the reply consumer's thread. A failed write is logged: the answer is then
 * lost to the jobs endpoint, never to usage accounting.
 */
public final class LateAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(LateAnswers.class);
    private static final long EXPECT_TIMEOUT_MS = 2000;

    private final JobStore store;
    private final Executor executor;

    public LateAnswers(JobStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /**
     * Records that {@code job} timed out; completes (never exceptionally) once the row is written,
     * or after two seconds, so the 504 is not held up by a slow database.
     */
    public CompletableFuture<Void> expect(GenerationRequest job) {
        try {
            return CompletableFuture.runAsync(() -> store.expected(job), executor)
                    .exceptionally(e -> {
                        LOG.warn("Timed-out request {} not recorded; its answer will not be found later: {}",
                                job.id(), e.getMessage());
                        return null;
                    })
                    .completeOnTimeout(null, EXPECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("Timed-out request {} not recorded: too many pending writes", job.id());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Records the answer of a request that timed out; returns at once. */
    public void record(GenerationResult result) {
        try {
            executor.execute(() -> {
                try {
                    store.lateAnswer(result);
                } catch (RuntimeException e) {
                    LOG.warn("Late answer {} not recorded: {}", result.id(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Late answer {} not recorded: too many pending writes", result.id());
        }
    }
}
