package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.TokenUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class GenerationResultSerdeTest {
    private static final String TOPIC = Topics.RESULTS.name();

    private static final GenerationResult SUCCEEDED = GenerationResult.succeeded("gen_1", "Hello there",
            "claude", "claude-sonnet-4-5-20250929", "stop", new TokenUsage(12, 40), new BigDecimal("0.000636"), 812);

    private static String write(GenerationResult result) {
        return new String(Topics.RESULTS.valueSerde().serializer().serialize(TOPIC, result), StandardCharsets.UTF_8);
    }

    private static GenerationResult read(String json) {
        return Topics.RESULTS.valueSerde().deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsASuccessfulResult() {
        assertThat(read(write(SUCCEEDED))).isEqualTo(SUCCEEDED);
    }

    @Test
    void writesTheDocumentedResponseShape() {
        assertThat(write(SUCCEEDED)).contains("\"id\":\"gen_1\"", "\"status\":\"succeeded\"",
                "\"content\":\"Hello there\"", "\"provider\":\"claude\"", "\"finish_reason\":\"stop\"",
                "\"usage\":{\"input_tokens\":12,\"output_tokens\":40}", "\"cost_usd\":0.000636",
                "\"latency_ms\":812", "\"cached\":false")
                .doesNotContain("\"error\"", "success", "SUCCEEDED", "E-");
    }

    @Test
    void writesTinyCostsAsPlainDecimals() {
        GenerationResult cheap = GenerationResult.succeeded("gen_2", "ok", "openai", "gpt-5-nano", "stop",
                new TokenUsage(0, 1), new BigDecimal("4.0E-7"), 5);

        String json = write(cheap);

        assertThat(json).contains("\"cost_usd\":0.00000040").doesNotContain("E-");
        assertThat(read(json).costUsd()).isEqualByComparingTo("0.0000004");
    }

    @Test
    void roundTripsAFailedResultWithItsError() {
        GenerationResult failed = GenerationResult.failed("gen_3", "openai", "gpt-4o",
                new ErrorInfo("provider_error", "every candidate provider failed"), 1500);

        String json = write(failed);

        assertThat(json).contains("\"status\":\"failed\"",
                "\"error\":{\"type\":\"provider_error\",\"message\":\"every candidate provider failed\"}")
                .doesNotContain("\"content\"");
        assertThat(read(json)).isEqualTo(failed);
        assertThat(read(json).isSuccess()).isFalse();
    }

    @Test
    void readsAMinimalResultWithDefaults() {
        GenerationResult result = read("{\"id\":\"gen_1\",\"status\":\"succeeded\",\"content\":\"Hi\"}");

        assertThat(result.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(result.costUsd()).isZero();
        assertThat(result.latencyMs()).isZero();
        assertThat(result.cached()).isFalse();
        assertThat(result.isSuccess()).isTrue();
    }

    @Test
    void ignoresUnknownFields() {
        GenerationResult result = read("{\"id\":\"gen_1\",\"status\":\"succeeded\",\"content\":\"Hi\","
                + "\"worker\":\"w-7\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2,\"cache_read_tokens\":9}}");

        assertThat(result.usage()).isEqualTo(new TokenUsage(1, 2));
    }

    @Test
    void rejectsAResultWithoutId() {
        assertThatThrownBy(() -> read("{\"status\":\"succeeded\",\"content\":\"Hi\"}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("GenerationResult")
                .hasMessageContaining("'id'");
    }

    @Test
    void rejectsAResultWithoutStatus() {
        assertThatThrownBy(() -> read("{\"id\":\"gen_1\",\"content\":\"Hi\"}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'status'");
    }

    @Test
    void rejectsAnUnknownStatus() {
        assertThatThrownBy(() -> read("{\"id\":\"gen_1\",\"status\":\"done\"}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("status: ")
                .hasMessageContaining("[succeeded, failed]");
    }

    @Test
    void rejectsAFailedResultWithoutError() {
        assertThatThrownBy(() -> read("{\"id\":\"gen_1\",\"status\":\"failed\"}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("a failed result needs an error");
    }

    @Test
    void rejectsNegativeTokenCounts() {
        assertThatThrownBy(() -> read("{\"id\":\"gen_1\",\"status\":\"succeeded\","
                + "\"usage\":{\"input_tokens\":-1,\"output_tokens\":2}}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("token counts must be >= 0");
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> read("<html>502 Bad Gateway</html>"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid GenerationResult on llm.results")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void servesACacheHitUnderTheNewIdWithoutCost() {
        GenerationResult hit = SUCCEEDED.asCacheHit("gen_9", 3);

        assertThat(hit.id()).isEqualTo("gen_9");
        assertThat(hit.cached()).isTrue();
        assertThat(hit.costUsd()).isZero();
        assertThat(hit.latencyMs()).isEqualTo(3);
        assertThat(hit.content()).isEqualTo(SUCCEEDED.content());
        assertThat(hit.usage()).isEqualTo(SUCCEEDED.usage());
        assertThat(hit.status()).isEqualTo(GenerationStatus.SUCCEEDED);
        assertThat(write(hit)).contains("\"cached\":true", "\"cost_usd\":0");
    }
}
