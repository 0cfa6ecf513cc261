package dev.llmgateway.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} on the admin port, in Prometheus's text format, counts what happened. */
class MetricsIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void countsRequestsCacheTiersAndRateLimitRefusals() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(2));
        Map<String, Object> body = Map.of("user_id", "u", "service", "s", "prompt", "measured");
        gateway.api().post("/api/v1/generate", body);
        gateway.api().post("/api/v1/generate", body);
        assertThat(gateway.api().post("/api/v1/generate", body).status()).isEqualTo(429);

        ApiResponse metrics = gateway.adminPortClient(0).get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(value(metrics.body(), "cache_hits_l1")).isEqualTo(1);
        assertThat(value(metrics.body(), "cache_misses")).isEqualTo(1);
        assertThat(value(metrics.body(), "ratelimit_rejections")).isEqualTo(1);
        assertThat(metrics.body()).contains("requests_pending_replies").contains("GenerateResource_latency").contains("jvm_memory");
    }

    private static double value(String exposition, String metric) {
        Matcher m = Pattern.compile("(?m)^" + metric + "(?:_total)?(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(exposition);
        assertThat(m.find()).as(metric + " in\n" + exposition.lines().filter(l -> l.contains(metric)).toList()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
