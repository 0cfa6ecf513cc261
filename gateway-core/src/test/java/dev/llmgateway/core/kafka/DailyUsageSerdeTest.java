package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DailyUsageSerdeTest {
    private static final String TOPIC = Topics.USAGE_DAILY.name();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final DailyUsageKey KEY = new DailyUsageKey(DAY, "u1", "trendscout", "claude",
            "claude-sonnet-4-5-20250929");
    private static final DailyUsage USAGE = new DailyUsage(DAY, "u1", "trendscout", "claude",
            "claude-sonnet-4-5-20250929", 1000, 250, 3, 12_000, 40_000, new BigDecimal("0.636"), 812_000);

    private static String writeKey(DailyUsageKey key) {
        return new String(Topics.USAGE_DAILY.keySerde().serializer().serialize(TOPIC, key), StandardCharsets.UTF_8);
    }

    private static DailyUsageKey readKey(String json) {
        return Topics.USAGE_DAILY.keySerde().deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String writeValue(DailyUsage usage) {
        return new String(Topics.USAGE_DAILY.valueSerde().serializer().serialize(TOPIC, usage), StandardCharsets.UTF_8);
    }

    private static DailyUsage readValue(String json) {
        return Topics.USAGE_DAILY.valueSerde().deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsTheKey() {
        assertThat(readKey(writeKey(KEY))).isEqualTo(KEY);
    }

    @Test
    void writesTheKeyAsTheSameBytesEveryTimeSoCompactionAndPartitioningHold() {
        String expected = "{\"date\":\"2026-11-24\",\"user_id\":\"u1\",\"service\":\"trendscout\","
                + "\"provider\":\"claude\",\"model\":\"claude-sonnet-4-5-20250929\"}";

        assertThat(writeKey(KEY)).isEqualTo(expected);
        assertThat(writeKey(new DailyUsageKey(DAY, "u1", "trendscout", "claude", "claude-sonnet-4-5-20250929")))
                .isEqualTo(expected);
    }

    @Test
    void roundTripsTheDailyTotals() {
        assertThat(readValue(writeValue(USAGE))).isEqualTo(USAGE);
    }

    @Test
    void writesSnakeCaseFieldsIsoDateAndPlainCost() {
        assertThat(writeValue(USAGE)).contains("\"date\":\"2026-11-24\"", "\"user_id\":\"u1\"",
                "\"requests\":1000", "\"cached_requests\":250", "\"failed_requests\":3", "\"input_tokens\":12000",
                "\"output_tokens\":40000", "\"cost_usd\":0.636", "\"latency_ms_sum\":812000")
                .doesNotContain("\"key\"", "cachedRequests");
    }

    @Test
    void writesASmallDailyCostAsAPlainDecimal() {
        DailyUsage cheap = new DailyUsage(DAY, "u1", "s", "openai", "gpt-5-nano", 1, 0, 0, 0, 1,
                new BigDecimal("4E-7"), 5);

        assertThat(writeValue(cheap)).contains("\"cost_usd\":0.0000004").doesNotContain("E-");
    }

    @Test
    void derivesItsKeyFromItsDimensions() {
        assertThat(USAGE.key()).isEqualTo(KEY);
    }

    @Test
    void ignoresUnknownFields() {
        DailyUsageKey key = readKey("{\"date\":\"2026-11-24\",\"user_id\":\"u1\",\"service\":\"trendscout\","
                + "\"provider\":\"claude\",\"model\":\"claude-sonnet-4-5-20250929\",\"region\":\"eu\"}");

        assertThat(key).isEqualTo(KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "user_id", "service", "provider", "model"})
    void rejectsAKeyWithoutADimension(String field) {
        String json = writeKey(KEY).replaceFirst("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}");

        assertThatThrownBy(() -> readKey(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid DailyUsageKey on llm.usage.daily")
                .hasMessageContaining("'" + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "user_id", "service", "provider", "model"})
    void rejectsTotalsWithoutADimension(String field) {
        String json = writeValue(USAGE).replaceFirst("\"" + field + "\":\"[^\"]*\",?", "");

        assertThatThrownBy(() -> readValue(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("DailyUsage")
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void rejectsADateThatIsNotIso() {
        assertThatThrownBy(() -> readKey(writeKey(KEY).replace("2026-11-24", "24/11/2026")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("date: must be an ISO-8601 date");
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> readValue("2026-11-24,u1,trendscout"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("DailyUsage");
    }
}
