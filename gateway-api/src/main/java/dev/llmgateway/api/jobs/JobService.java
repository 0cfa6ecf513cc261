package dev.llmgateway.api.jobs;

import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.generation.GenerationService;
import dev.llmgateway.api.generation.GenerationService.Prepared;
import dev.llmgateway.api.kafka.RequestReplyClient;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous jobs: validated, routed and limited like /generate, recorded as queued, then sent
 * with {@code llm.results} as their reply topic, where {@link JobResultRecorder} (in whichever API
 * instance is alive) records the answer. The row is written before the job is sent, so no answer
 * can arrive before it. The provider's rate limit is not checked here: workers pace the job
 * against it, as they do batch producers' jobs, instead of the caller getting a 429.
 */
public final class JobService {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final GenerationService generation;
    private final RequestReplyClient queue;
    private final JobStore store;
    private final Duration defaultBudget;

    public JobService(GenerationService generation, RequestReplyClient queue, JobStore store, Duration defaultBudget) {
        this.generation = generation;
        this.queue = queue;
        this.store = store;
        this.defaultBudget = defaultBudget;
    }

    /**
     * The accepted job: queued, or already answered from the cache. Throws {@link ApiException}
     * for invalid or rate-limited requests; the future fails with one when the job cannot be queued.
     */
    public CompletableFuture<JobView> submit(GenerateRequest body) {
        Duration budget = body != null && body.timeoutMs() != null ? Duration.ofMillis(body.timeoutMs()) : defaultBudget;
        Prepared prepared = generation.prepare(body, false, budget);
        Optional<GenerationResult> hit = generation.fromCache(prepared);
        if (hit.isPresent()) {
            write(() -> store.answered(prepared.job(), hit.get()));
            return CompletableFuture.completedFuture(JobView.of(hit.get()));
        }
        String id = prepared.job().id();
        write(() -> store.queued(prepared.job(), prepared.cacheKey()));
        return queue.enqueue(prepared.job(), Topics.RESULTS.name(), false)
                .handle((queued, failure) -> {
                    if (failure == null) {
                        return JobView.queued(id);
                    }
                    forget(id);
                    throw ApiException.unavailable("the job could not be queued; retry shortly");
                });
    }

    public JobView find(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'; jobs are kept for a "
                + "limited time after they are created"));
    }

    private static void write(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("Job not recorded: {}", e.getMessage());
            throw ApiException.unavailable("the job store is unreachable; retry shortly");
        }
    }

    private void forget(String id) {
        try {
            store.forget(id);
        } catch (RuntimeException e) {
            LOG.warn("Job {} was not queued and stays recorded as queued until purged: {}", id, e.getMessage());
        }
    }
}
