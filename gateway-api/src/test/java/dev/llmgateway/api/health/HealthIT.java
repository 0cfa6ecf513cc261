package dev.llmgateway.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Liveness and readiness on the API port, and the same checks on Dropwizard's admin port. */
class HealthIT {
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

    // The original's two health tests

    @Test
    void answersLivenessWithTheVersionAndNoKey() {
        ApiResponse response = gateway.api().send("/api/v1/health", "GET", null, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("ok");
        assertThat(response.json().path("version").asText()).isNotBlank();
    }

    @Test
    void answersReadinessWithPostgresAndKafkaAndTheirLatency() {
        ApiResponse response = gateway.api().send("/api/v1/health/ready", "GET", null, Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("ok");
        for (String dependency : new String[] {"postgres", "kafka"}) {
            assertThat(response.json().path("checks").path(dependency).path("status").asText()).isEqualTo("ok");
            assertThat(response.json().path("checks").path(dependency).path("latency_ms").isIntegralNumber())
                    .as(dependency).isTrue();
        }
    }

    // More

    @Test
    void ignoresAWrongKeyOnHealthEndpoints() {
        Map<String, String> wrong = Map.of("Authorization", "Bearer wrong");

        assertThat(gateway.api().send("/api/v1/health", "GET", null, wrong).status()).isEqualTo(200);
        assertThat(gateway.api().send("/api/v1/health/ready", "GET", null, wrong).status()).isEqualTo(200);
    }

    @Test
    void registersTheSameChecksOnTheAdminPort() {
        ApiClient adminPort = new ApiClient("http://127.0.0.1:" + gateway.adminPort(0), "unused");

        ApiResponse response = adminPort.send("/healthcheck", "GET", null, Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (String dependency : new String[] {"postgres", "kafka"}) {
            assertThat(response.json().path(dependency).path("healthy").asBoolean()).as(dependency).isTrue();
            assertThat(response.json().path(dependency).path("latency_ms").isIntegralNumber()).as(dependency).isTrue();
        }
    }
}
