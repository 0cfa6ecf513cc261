package dev.llmgateway.stream.sink;

import static dev.llmgateway.stream.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.testkit.PostgresFixture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsageSinkDaoIT {
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    private final Jdbi jdbi = Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin());
    private final UsageSinkDao dao = jdbi.onDemand(UsageSinkDao.class);

    @Test
    void storesEveryFieldOfAUsageEvent() {
        dao.write(List.of(usage("r1", "2026-11-24T23:59:59.999Z").tokens(12, 40).cost("0.000636").latency(812)
                .build()), List.of());

        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                "SELECT request_id, ts::text AS ts, user_id, service, provider, model, input_tokens, output_tokens,"
                        + " cost_usd, latency_ms, cached, status FROM usage_records").mapToMap().one());

        assertThat(row).containsEntry("request_id", "r1").containsEntry("ts", "2026-11-24 23:59:59.999+00")
                .containsEntry("user_id", "u1").containsEntry("service", "trendscout")
                .containsEntry("provider", "claude").containsEntry("model", "claude-sonnet-4-5")
                .containsEntry("input_tokens", 12L).containsEntry("output_tokens", 40L)
                .containsEntry("latency_ms", 812L).containsEntry("cached", false)
                .containsEntry("status", "succeeded");
        assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo("0.000636");
    }

    @Test
    void storesAFailedRequestWithItsWireStatus() {
        dao.write(List.of(usage("r1", "2026-11-24T09:00:00Z").failed().build()), List.of());

        assertThat(POSTGRES.queryString("SELECT status FROM usage_records")).isEqualTo("failed");
    }

    @Test
    void replayingUsageEventsInsertsEachRequestIdOnceKeepingTheFirstCopy() {
        UsageEvent first = usage("r1", "2026-11-24T09:00:00Z").tokens(10, 20).build();
        UsageEvent redelivered = usage("r1", "2026-11-24T09:05:00Z").tokens(99, 99).build();
        UsageEvent other = usage("r2", "2026-11-24T09:06:00Z").build();

        dao.write(List.of(first, other), List.of());
        dao.write(List.of(first, redelivered, other), List.of());

        assertThat(strings("SELECT request_id || ':' || input_tokens FROM usage_records"
                + " ORDER BY request_id")).containsExactly("r1:10", "r2:10");
    }

    @Test
    void setsADayRowToTheNewestAbsoluteTotals() {
        dao.write(List.of(), List.of(totals(1, "0.001")));
        dao.write(List.of(), List.of(totals(3, "0.003")));

        assertThat(dayRows()).containsExactly("3 requests, 0.003 USD");
    }

    @Test
    void replayingTheSameTotalsWritesTheSameValues() {
        List<DailyUsage> batch = List.of(totals("u1", 2, "0.002"), totals("u2", 2, "0.002"));

        dao.write(List.of(), batch);
        List<String> once = dayRows();
        dao.write(List.of(), batch);

        assertThat(dayRows()).isEqualTo(once).hasSize(2);
    }

    @Test
    void replayingOlderTotalsDoesNotSetARowBack() {
        dao.write(List.of(), List.of(totals(1, "0.001")));
        dao.write(List.of(), List.of(totals(5, "0.005")));

        dao.write(List.of(), List.of(totals(1, "0.001")));

        assertThat(dayRows()).containsExactly("5 requests, 0.005 USD");
    }

    @Test
    void writesTheRecordsAndTheTotalsOfABatchTogetherOrNotAtAll() {
        DailyUsage withoutUser = new DailyUsage(DAY, null, "trendscout", "claude", "m", 1, 0, 0, 0, 0,
                BigDecimal.ONE, 0);

        assertThatThrownBy(() -> dao.write(List.of(usage("r1", "2026-11-24T09:00:00Z").build()),
                List.of(withoutUser))).isInstanceOf(JdbiException.class);

        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records")).isZero();
    }

    private static DailyUsage totals(long requests, String cost) {
        return totals("u1", requests, cost);
    }

    private static DailyUsage totals(String user, long requests, String cost) {
        return new DailyUsage(DAY, user, "trendscout", "claude", "claude-sonnet-4-5", requests, 0, 0, requests * 10,
                requests * 20, new BigDecimal(cost), requests * 100);
    }

    private List<String> strings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private List<String> dayRows() {
        return strings("SELECT requests || ' requests, ' || trim_scale(cost_usd) || ' USD'"
                + " FROM usage_daily ORDER BY user_id");
    }
}
