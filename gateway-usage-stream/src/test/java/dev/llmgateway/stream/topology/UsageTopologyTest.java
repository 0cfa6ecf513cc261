package dev.llmgateway.stream.topology;

import static dev.llmgateway.stream.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.stream.UsageEvents;
import dev.llmgateway.stream.UsageStreamSettings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageTopologyTest {
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, UsageEvent> usage;
    private TestOutputTopic<DailyUsageKey, DailyUsage> daily;

    @BeforeEach
    void startDriver() {
        UsageStreamSettings settings = new UsageStreamSettings();
        settings.setStateDir(stateDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        new UsageTopology(RETENTION).build(builder);
        driver = new TopologyTestDriver(builder.build(), UsageStreamsConfig.properties(new KafkaFactory(), settings));
        usage = driver.createInputTopic(Topics.USAGE.name(), Topics.USAGE.keySerde().serializer(),
                Topics.USAGE.valueSerde().serializer());
        daily = driver.createOutputTopic(Topics.USAGE_DAILY.name(), Topics.USAGE_DAILY.keySerde().deserializer(),
                Topics.USAGE_DAILY.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void addsUpRequestsTokensCostAndLatencyOfOneDayKey() {
        send(usage("r1", "2026-11-24T09:00:00Z").tokens(10, 20).cost("0.001").latency(100));
        send(usage("r2", "2026-11-24T10:00:00Z").tokens(5, 7).cost("0.0025").latency(250));

        assertThat(latestTotals()).containsExactly(Map.entry(key(DAY, "u1", "trendscout", "claude", "claude-sonnet-4-5"),
                new DailyUsage(DAY, "u1", "trendscout", "claude", "claude-sonnet-4-5", 2, 0, 0, 15, 27,
                        new BigDecimal("0.0035"), 350)));
    }

    @Test
    void publishesTheAbsoluteTotalsAfterEveryChange() {
        send(usage("r1", "2026-11-24T09:00:00Z"));
        send(usage("r2", "2026-11-24T09:01:00Z"));
        send(usage("r3", "2026-11-24T09:02:00Z"));

        assertThat(daily.readValuesToList()).extracting(DailyUsage::requests).containsExactly(1L, 2L, 3L);
    }

    @Test
    void keepsEachUserServiceProviderAndModelApart() {
        send(usage("r1", "2026-11-24T09:00:00Z"));
        send(usage("r2", "2026-11-24T09:00:00Z").user("u2"));
        send(usage("r3", "2026-11-24T09:00:00Z").service("pricing"));
        send(usage("r4", "2026-11-24T09:00:00Z").model("openai", "gpt-4o"));
        send(usage("r5", "2026-11-24T09:00:00Z").model("claude", "claude-haiku-4-5"));

        Map<DailyUsageKey, DailyUsage> totals = latestTotals();

        assertThat(totals).hasSize(5);
        assertThat(totals.values()).allSatisfy(day -> assertThat(day.requests()).isOne());
        assertThat(totals).containsKeys(key(DAY, "u2", "trendscout", "claude", "claude-sonnet-4-5"),
                key(DAY, "u1", "pricing", "claude", "claude-sonnet-4-5"), key(DAY, "u1", "trendscout", "openai", "gpt-4o"),
                key(DAY, "u1", "trendscout", "claude", "claude-haiku-4-5"));
    }

    @Test
    void countsARepeatedRequestIdOnceKeepingTheFirstCopy() {
        send(usage("r1", "2026-11-24T09:00:00Z").tokens(10, 20).cost("0.001"));
        send(usage("r1", "2026-11-24T09:05:00Z").tokens(99, 99).cost("0.5"));
        send(usage("r2", "2026-11-24T09:06:00Z").tokens(1, 2).cost("0.002"));

        DailyUsage totals = onlyTotals();
        assertThat(totals.requests()).isEqualTo(2);
        assertThat(totals.inputTokens()).isEqualTo(11);
        assertThat(totals.outputTokens()).isEqualTo(22);
        assertThat(totals.costUsd()).isEqualByComparingTo("0.003");
    }

    @Test
    void dropsARepeatEvenWhenItArrivesDaysLaterWithinTheRetention() {
        send(usage("r1", "2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T09:00:00Z"));
        send(usage("r2", "2026-11-30T09:00:00Z"), Instant.parse("2026-11-30T09:00:00Z"));
        send(usage("r1", "2026-11-30T09:00:01Z"), Instant.parse("2026-11-30T09:00:01Z"));

        assertThat(latestTotals().values()).extracting(DailyUsage::requests).containsExactlyInAnyOrder(1L, 1L);
    }

    @Test
    void forgetsARequestIdOnceTheRetentionHasPassed() {
        send(usage("r1", "2026-11-01T09:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"));
        send(usage("r2", "2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"));
        send(usage("r1", "2026-11-20T09:00:01Z"), Instant.parse("2026-11-20T09:00:01Z"));

        assertThat(latestTotals().get(key(LocalDate.parse("2026-11-20"), "u1", "trendscout", "claude",
                "claude-sonnet-4-5")).requests()).isEqualTo(2);
    }

    @Test
    void splitsDaysAtMidnightUtc() {
        send(usage("r1", "2026-11-24T23:59:59.999Z"));
        send(usage("r2", "2026-11-25T00:00:00Z"));
        send(usage("r3", "2026-11-24T00:00:00Z"));

        Map<DailyUsageKey, DailyUsage> totals = latestTotals();

        assertThat(totals.get(key(DAY, "u1", "trendscout", "claude", "claude-sonnet-4-5")).requests()).isEqualTo(2);
        assertThat(totals.get(key(DAY.plusDays(1), "u1", "trendscout", "claude", "claude-sonnet-4-5")).requests())
                .isEqualTo(1);
    }

    @Test
    void sumsOneThousandSmallCostsExactly() {
        for (int i = 0; i < 1000; i++) {
            send(usage("r" + i, "2026-11-24T09:00:00Z").cost("0.000123"));
        }

        BigDecimal cost = onlyTotals().costUsd();

        assertThat(cost).isEqualTo(new BigDecimal("0.123000"));
        assertThat(cost.toPlainString()).isEqualTo("0.123000");
    }

    @Test
    void countsCachedAndFailedRequestsAmongAllRequests() {
        send(usage("r1", "2026-11-24T09:00:00Z").tokens(10, 20).cost("0.001"));
        send(usage("r2", "2026-11-24T09:00:01Z").cachedHit());
        send(usage("r3", "2026-11-24T09:00:02Z").cachedHit());
        send(usage("r4", "2026-11-24T09:00:03Z").failed());

        DailyUsage totals = onlyTotals();

        assertThat(totals.requests()).isEqualTo(4);
        assertThat(totals.cachedRequests()).isEqualTo(2);
        assertThat(totals.failedRequests()).isEqualTo(1);
        assertThat(totals.inputTokens()).isEqualTo(30);
        assertThat(totals.costUsd()).isEqualByComparingTo("0.001");
    }

    @Test
    void skipsAnUnreadableEventAndCountsTheNextOne() {
        TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(Topics.USAGE.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        raw.pipeInput("bad".getBytes(StandardCharsets.UTF_8), "{\"request_id\":".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("tomb".getBytes(StandardCharsets.UTF_8), (byte[]) null);
        send(usage("r1", "2026-11-24T09:00:00Z"));

        assertThat(onlyTotals().requests()).isEqualTo(1);
    }

    private void send(UsageEvents event) {
        UsageEvent built = event.build();
        usage.pipeInput(built.requestId(), built, built.ts());
    }

    private void send(UsageEvents event, Instant recordTimestamp) {
        UsageEvent built = event.build();
        usage.pipeInput(built.requestId(), built, recordTimestamp);
    }

    private Map<DailyUsageKey, DailyUsage> latestTotals() {
        return daily.readKeyValuesToMap();
    }

    private DailyUsage onlyTotals() {
        Map<DailyUsageKey, DailyUsage> totals = latestTotals();
        assertThat(totals).hasSize(1);
        return totals.values().iterator().next();
    }

    private static DailyUsageKey key(LocalDate date, String user, String service, String provider, String model) {
        return new DailyUsageKey(date, user, service, provider, model);
    }
}
