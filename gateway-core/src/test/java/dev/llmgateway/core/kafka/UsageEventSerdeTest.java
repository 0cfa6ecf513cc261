package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.message.UsageEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsageEventSerdeTest {
    private static final String TOPIC = Topics.USAGE.name();
    private static final Instant TS = Instant.parse("2026-11-24T10:15:30.5Z");
    private static final UsageEvent EVENT = new UsageEvent("gen_1", TS, "u1", "trendscout", "claude",
            "claude-sonnet-4-5-20250929", 12, 40, new BigDecimal("0.000636"), 812, false, GenerationStatus.SUCCEEDED);
    private static final String EVENT_JSON = "{\"request_id\":\"gen_1\",\"ts\":\"2026-11-24T10:15:30.5Z\","
            + "\"user_id\":\"u1\",\"service\":\"trendscout\",\"status\":\"succeeded\"}";

    private static String write(UsageEvent event) {
        return new String(Topics.USAGE.valueSerde().serializer().serialize(TOPIC, event), StandardCharsets.UTF_8);
    }

    private static UsageEvent read(String json) {
        return Topics.USAGE.valueSerde().deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsEveryField() {
        assertThat(read(write(EVENT))).isEqualTo(EVENT);
    }

    @Test
    void writesSnakeCaseFieldsIsoTimestampAndPlainCost() {
        assertThat(write(EVENT)).contains("\"request_id\":\"gen_1\"", "\"ts\":\"2026-11-24T10:15:30.500Z\"",
                "\"user_id\":\"u1\"", "\"input_tokens\":12", "\"output_tokens\":40", "\"cost_usd\":0.000636",
                "\"latency_ms\":812", "\"cached\":false", "\"status\":\"succeeded\"")
                .doesNotContain("requestId", "E-4");
    }

    @Test
    void readsAMinimalEventWithZeroUsage() {
        UsageEvent event = read(EVENT_JSON);

        assertThat(event.ts()).isEqualTo(TS);
        assertThat(event.provider()).isEmpty();
        assertThat(event.inputTokens()).isZero();
        assertThat(event.costUsd()).isZero();
    }

    @Test
    void ignoresUnknownFields() {
        assertThat(read(EVENT_JSON.replace("}", ",\"region\":\"eu\"}")).requestId()).isEqualTo("gen_1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"request_id", "ts", "user_id", "service", "status"})
    void rejectsAnEventWithoutARequiredField(String field) {
        String json = EVENT_JSON.replaceFirst("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}");

        assertThatThrownBy(() -> read(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid UsageEvent on llm.usage")
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void rejectsANegativeCost() {
        assertThatThrownBy(() -> read(EVENT_JSON.replace("}", ",\"cost_usd\":-0.01}")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("must be >= 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NUL in the user           | \"user_id\":\"u1\"           | \"user_id\":\"a\\u0000b\"   | user_id must not contain control",
        "a control character       | \"service\":\"trendscout\"  | \"service\":\"a\\u001bb\"   | service must not contain control",
        "a year past 9999          | \"2026-11-24T10:15:30.5Z\"  | \"+300000-01-01T00:00:00Z\" | ts must be between years 1 and 9999",
        "the last instant          | \"2026-11-24T10:15:30.5Z\"  | \"+1000000000-12-31T23:59:59Z\" | ts must be between years 1 and 9999",
        "a year before 1           | \"2026-11-24T10:15:30.5Z\"  | \"-0001-12-31T00:00:00Z\"   | ts must be between years 1 and 9999",
        "a cost past NUMERIC(24,12) | \"status\"                  | \"cost_usd\":1e12,\"status\"  | cost below 1000000000000",
        "tokens that overflow sums | \"status\"                  | \"input_tokens\":9223372036854775807,\"status\" | at most 1000000000000",
        "a negative latency        | \"status\"                  | \"latency_ms\":-1,\"status\"  | must be >= 0",
    })
    void rejectsAnEventThatCouldNeverBeCountedOrStored(String why, String from, String to, String message) {
        assertThatThrownBy(() -> read(EVENT_JSON.replace(from, to)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNamesLongerThanTheApiAllows() {
        assertThatThrownBy(() -> read(EVENT_JSON.replace("\"u1\"", "\"" + "u".repeat(257) + "\"")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("user_id must be at most 256 characters");
        assertThat(read(EVENT_JSON.replace("\"u1\"", "\"" + "u".repeat(256) + "\"")).userId()).hasSize(256);
    }

    @Test
    void roundsACostToTheTwelveDecimalsPostgresKeeps() {
        assertThat(read(EVENT_JSON.replace("\"status\"", "\"cost_usd\":0.00000000000051,\"status\"")).costUsd())
                .isEqualTo(new BigDecimal("1E-12"));
        assertThat(read(EVENT_JSON.replace("\"status\"", "\"cost_usd\":1e-1000000000,\"status\"")).costUsd())
                .isZero();
        assertThat(read(EVENT_JSON.replace("\"status\"", "\"cost_usd\":0.000636,\"status\"")).costUsd())
                .isEqualTo(new BigDecimal("0.000636"));
    }

    @Test
    void rejectsAnUnparseableTimestamp() {
        assertThatThrownBy(() -> read(EVENT_JSON.replace("2026-11-24T10:15:30.5Z", "yesterday")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ts: must be an ISO-8601 date and time");
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> read("{\"request_id\":"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("UsageEvent");
    }

    @Test
    void countsAFinishedJobForItsCaller() {
        GenerationRequest request = GenerationRequest.builder("gen_1", "u1", "trendscout").prompt("Hi").build();
        GenerationResult result = GenerationResult.succeeded("gen_1", "Hello", "claude",
                "claude-sonnet-4-5-20250929", "stop", new TokenUsage(12, 40), new BigDecimal("0.000636"), 812);

        assertThat(UsageEvent.of(request, result, TS)).isEqualTo(EVENT);
    }

    @Test
    void countsAFailureBeforeRoutingWithEmptyProviderAndModel() {
        GenerationRequest request = GenerationRequest.builder("gen_2", "u1", "s").prompt("Hi").build();
        GenerationResult result = GenerationResult.failed("gen_2", null, null,
                new ErrorInfo("unavailable", "no provider is enabled"), 4);

        UsageEvent event = read(write(UsageEvent.of(request, result, TS)));

        assertThat(event.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(event.provider()).isEmpty();
        assertThat(event.model()).isEmpty();
        assertThat(event.costUsd()).isZero();
    }
}
