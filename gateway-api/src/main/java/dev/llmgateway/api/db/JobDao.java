package dev.llmgateway.api.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code jobs} table: one row per asynchronous job and per timed-out /generate request, with
 * its answer once it is there. JSON columns are bound and read as text. A row's status moves from
 * {@code queued} to {@code succeeded} or {@code failed} once; a second answer (a redelivered job)
 * does not replace the first.
 */
@RegisterConstructorMapper(JobDao.Row.class)
public interface JobDao {

    /** A row as stored; {@code result} is GenerationResult JSON, {@code error} ErrorInfo JSON. */
    record Row(String id, String status, @ColumnName("result") String resultJson,
            @ColumnName("error") String errorJson) {
    }

    @SqlUpdate("INSERT INTO jobs (id, status, request, cache_key) "
            + "VALUES (:id, 'queued', CAST(:request AS jsonb), :cacheKey)")
    void insertQueued(String id, String request, String cacheKey);

    @SqlUpdate("INSERT INTO jobs (id, status, request, result, error) VALUES (:id, :status, CAST(:request AS jsonb), "
            + "CAST(:result AS jsonb), CAST(:error AS jsonb))")
    void insertAnswered(String id, String status, String request, String result, String error);

    /** The answer of a queued job; the row's cache key if it has one, empty if no queued row matched. */
    @SqlQuery("UPDATE jobs SET status = :status, result = CAST(:result AS jsonb), error = CAST(:error AS jsonb), "
            + "updated_at = now() WHERE id = :id AND status = 'queued' RETURNING COALESCE(cache_key, '')")
    Optional<String> answer(String id, String status, String result, String error);

    /** A timed-out request whose answer is still to come; its answer may already be here. */
    @SqlUpdate("INSERT INTO jobs (id, status, request) VALUES (:id, 'queued', CAST(:request AS jsonb)) "
            + "ON CONFLICT (id) DO UPDATE SET request = EXCLUDED.request")
    void upsertExpected(String id, String request);

    /** The late answer of a timed-out request; its request may still be on its way here. */
    @SqlUpdate("INSERT INTO jobs (id, status, result, error) VALUES (:id, :status, CAST(:result AS jsonb), "
            + "CAST(:error AS jsonb)) ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, "
            + "result = EXCLUDED.result, error = EXCLUDED.error, updated_at = now() WHERE jobs.status = 'queued'")
    void upsertAnswer(String id, String status, String result, String error);

    @SqlQuery("SELECT id, status, result::text AS result, error::text AS error FROM jobs WHERE id = :id")
    Optional<Row> find(String id);

    @SqlUpdate("DELETE FROM jobs WHERE id = :id")
    int delete(String id);

    @SqlUpdate("DELETE FROM jobs WHERE created_at < :cutoff")
    int deleteCreatedBefore(Instant cutoff);
}
