package dev.llmgateway.api.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Generations through the gateway show up, counted once, in every usage endpoint. */
class UsageEndToEndIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        gateway.startUsageStream();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void generationsAppearInEveryUsageEndpointWithinSeconds() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        String user = "usage-user-" + System.nanoTime();
        BigDecimal cost = BigDecimal.ZERO;
        for (int i = 0; i < 4; i++) {
            JsonNode answer = gateway.api().post("/api/v1/generate",
                    Map.of("user_id", user, "service", "reports", "prompt", "question " + i)).json();
            cost = cost.add(answer.path("cost_usd").decimalValue());
        }
        gateway.api().post("/api/v1/generate", Map.of("user_id", user, "service", "reports", "prompt", "question 0"));
        BigDecimal expectedCost = cost;

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode summary = gateway.api().get("/api/v1/usage/summary?user_id=" + user).json();
            assertThat(summary.path("requests").asLong()).isEqualTo(5);
        });
        JsonNode summary = gateway.api().get("/api/v1/usage/summary?user_id=" + user).json();
        assertThat(summary.path("cached_requests").asLong()).isEqualTo(1);
        assertThat(summary.path("failed_requests").asLong()).isZero();
        assertThat(summary.path("cost_usd").decimalValue()).isEqualByComparingTo(expectedCost);
        assertThat(summary.path("input_tokens").asLong()).isEqualTo(4 * 2);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(gateway.api().get("/api/v1/usage/by-user?user_id=" + user).json().path("rows").get(0)
                .path("requests").asLong()).isEqualTo(5);
        assertThat(gateway.api().get("/api/v1/usage/by-service?user_id=" + user).json().path("rows").get(0)
                .path("key").asText()).isEqualTo("reports");
        assertThat(gateway.api().get("/api/v1/usage/by-provider?user_id=" + user).json().path("rows").get(0)
                .toString()).contains("claude");
        assertThat(gateway.api().get("/api/v1/usage/daily?user_id=" + user).json().path("rows").get(0)
                .path("date").asText()).isEqualTo(today);
        assertThat(gateway.api().get("/api/v1/usage/users/" + user).json().path("requests").asLong()).isEqualTo(5);
    }
}
