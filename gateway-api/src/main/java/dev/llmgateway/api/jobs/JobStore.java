package dev.llmgateway.api.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.api.db.JobDao;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Jobs and their answers, kept in Postgres's {@code jobs} table rather than in Redis: an answer
 * must outlive a restart of any process (the API instance that took the job, the worker, Redis)
 * for as long as the retention promises, and Redis is optional in this design (the gateway runs
 * without it, on its local cache and limiter), while Postgres is always there.
 */
public final class JobStore {
    private final Jdbi jdbi;

    public JobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A job about to be queued; {@code cacheKey} (nullable) is where its answer may be cached. */
    public void queued(GenerationRequest job, String cacheKey) {
        jdbi.useExtension(JobDao.class, dao -> dao.insertQueued(job.id(), Json.write(job), cacheKey));
    }

    /** A job answered at once (from the cache). */
    public void answered(GenerationRequest job, GenerationResult result) {
        jdbi.useExtension(JobDao.class, dao -> dao.insertAnswered(job.id(), status(result), Json.write(job),
                Json.write(result), error(result)));
    }

    /**
     * Records the answers of queued jobs in one transaction; answers to anything else (batch
     * producers' jobs, answers already recorded) change nothing. Returns the answers that
     * matched a queued job with a cache key, by that key.
     */
    public Map<String, GenerationResult> answerQueued(List<GenerationResult> results) {
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            Map<String, GenerationResult> cacheable = new LinkedHashMap<>();
            for (GenerationResult result : results) {
                dao.answer(result.id(), status(result), Json.write(result), error(result))
                        .filter(key -> !key.isEmpty())
                        .ifPresent(key -> cacheable.put(key, result));
            }
            return cacheable;
        });
    }

    /** A /generate request that timed out: its answer is still to come (or has just come). */
    public void expected(GenerationRequest job) {
        jdbi.useExtension(JobDao.class, dao -> dao.upsertExpected(job.id(), Json.write(job)));
    }

    /** The answer of a /generate request that timed out (its row may not be there yet). */
    public void lateAnswer(GenerationResult result) {
        jdbi.useExtension(JobDao.class, dao -> dao.upsertAnswer(result.id(), status(result), Json.write(result),
                error(result)));
    }

    public Optional<JobView> find(String id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id)).map(JobStore::view);
    }

    /** Forgets a job that could not be queued after all. */
    public void forget(String id) {
        jdbi.useExtension(JobDao.class, dao -> dao.delete(id));
    }

    public int purgeCreatedBefore(Instant cutoff) {
        return jdbi.withExtension(JobDao.class, dao -> dao.deleteCreatedBefore(cutoff));
    }

    private static JobView view(JobDao.Row row) {
        return new JobView(row.id(), row.status(), row.resultJson() == null ? null : read(row.resultJson(),
                GenerationResult.class), row.errorJson() == null ? null : read(row.errorJson(), ErrorInfo.class));
    }

    private static String status(GenerationResult result) {
        return result.isSuccess() ? JobView.SUCCEEDED : JobView.FAILED;
    }

    private static String error(GenerationResult result) {
        return result.error() == null ? null : Json.write(result.error());
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in the jobs table", e);
        }
    }
}
