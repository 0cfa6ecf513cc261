package dev.llmgateway.api.db;

import dev.llmgateway.api.wire.DailyUsageRow;
import dev.llmgateway.api.wire.ProviderUsageRow;
import dev.llmgateway.api.wire.UsageRow;
import dev.llmgateway.api.wire.UsageTotals;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the daily totals the usage stream keeps in {@code usage_daily}. Rows are most expensive first. */
public interface UsageDao {
    String TOTALS = "COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(cached_requests), 0) AS cached_requests,"
            + " COALESCE(SUM(failed_requests), 0) AS failed_requests, COALESCE(SUM(input_tokens), 0) AS input_tokens,"
            + " COALESCE(SUM(output_tokens), 0) AS output_tokens, COALESCE(SUM(cost_usd), 0) AS cost_usd";
    // Typed casts: Postgres cannot infer the type of a parameter that is only compared with NULL.
    String MATCHING = " FROM usage_daily"
            + " WHERE (CAST(:from AS date) IS NULL OR date >= CAST(:from AS date))"
            + " AND (CAST(:to AS date) IS NULL OR date <= CAST(:to AS date))"
            + " AND (CAST(:userId AS text) IS NULL OR user_id = CAST(:userId AS text))"
            + " AND (CAST(:service AS text) IS NULL OR service = CAST(:service AS text))"
            + " AND (CAST(:provider AS text) IS NULL OR provider = CAST(:provider AS text))";
    String MOST_EXPENSIVE_FIRST = " ORDER BY cost_usd DESC, requests DESC, key";

    @SqlQuery("SELECT " + TOTALS + MATCHING)
    @RegisterConstructorMapper(UsageTotals.class)
    UsageTotals totals(@BindMethods UsageFilter filter);

    @SqlQuery("SELECT user_id AS key, " + TOTALS + MATCHING + " GROUP BY user_id" + MOST_EXPENSIVE_FIRST)
    @RegisterConstructorMapper(UsageRow.class)
    List<UsageRow> byUser(@BindMethods UsageFilter filter);

    @SqlQuery("SELECT service AS key, " + TOTALS + MATCHING + " GROUP BY service" + MOST_EXPENSIVE_FIRST)
    @RegisterConstructorMapper(UsageRow.class)
    List<UsageRow> byService(@BindMethods UsageFilter filter);

    @SqlQuery("SELECT provider || '/' || model AS key, provider, model, " + TOTALS + MATCHING
            + " GROUP BY provider, model" + MOST_EXPENSIVE_FIRST)
    @RegisterConstructorMapper(ProviderUsageRow.class)
    List<ProviderUsageRow> byProvider(@BindMethods UsageFilter filter);

    @SqlQuery("SELECT to_char(date, 'YYYY-MM-DD') AS date, " + TOTALS + MATCHING + " GROUP BY usage_daily.date"
            + " ORDER BY usage_daily.date")
    @RegisterConstructorMapper(DailyUsageRow.class)
    List<DailyUsageRow> daily(@BindMethods UsageFilter filter);
}
