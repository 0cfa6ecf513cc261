package dev.llmgateway.stream.sink;

import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.UsageEvent;
import java.util.Collection;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Writes usage to Postgres so that writing the same records again changes nothing. */
public interface UsageSinkDao {

    /** One row per request id; the first copy stays. */
    @SqlBatch("INSERT INTO usage_records (request_id, ts, user_id, service, provider, model, input_tokens,"
            + " output_tokens, cost_usd, latency_ms, cached, status)"
            + " VALUES (:requestId, :ts, :userId, :service, :provider, :model, :inputTokens,"
            + " :outputTokens, :costUsd, :latencyMs, :cached, lower(:status))"
            + " ON CONFLICT (request_id) DO NOTHING")
    void insertRecords(@BindMethods Collection<UsageEvent> events);

    /**
     * Sets each row to the given absolute totals. Totals only grow, so a row is never set back to
     * fewer requests: a replay of older totals, or a late write from a sink instance that lost its
     * partitions, leaves the newer row alone.
     */
    @SqlBatch("INSERT INTO usage_daily (date, user_id, service, provider, model, requests, cached_requests,"
            + " failed_requests, input_tokens, output_tokens, cost_usd, latency_ms_sum, updated_at)"
            + " VALUES (:date, :userId, :service, :provider, :model, :requests, :cachedRequests,"
            + " :failedRequests, :inputTokens, :outputTokens, :costUsd, :latencyMsSum, now())"
            + " ON CONFLICT (date, user_id, service, provider, model) DO UPDATE SET"
            + " requests = EXCLUDED.requests, cached_requests = EXCLUDED.cached_requests,"
            + " failed_requests = EXCLUDED.failed_requests, input_tokens = EXCLUDED.input_tokens,"
            + " output_tokens = EXCLUDED.output_tokens, cost_usd = EXCLUDED.cost_usd,"
            + " latency_ms_sum = EXCLUDED.latency_ms_sum, updated_at = now()"
            + " WHERE usage_daily.requests <= EXCLUDED.requests")
    void upsertDaily(@BindMethods Collection<DailyUsage> totals);

    /** Both kinds of rows of one batch, in one transaction. */
    @Transaction
    default void write(Collection<UsageEvent> events, Collection<DailyUsage> totals) {
        if (!events.isEmpty()) {
            insertRecords(events);
        }
        if (!totals.isEmpty()) {
            upsertDaily(totals);
        }
    }
}
