package dev.llmgateway.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An admin change made through one API instance reaches every other instance and the workers by
 * their periodic catalog refresh (1 s), without a restart and without anyone calling refresh.
 */
class AdminPropagationIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;

    @BeforeAll
    static void startTwoApiInstances() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        gateway.startApi("api-b");
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aProviderDisabledThroughOneInstanceStopsGettingTrafficThroughAnotherWithinTwoSeconds() {
        ApiClient adminA = gateway.admin(0);
        ApiClient apiB = gateway.api(1);
        assertThat(adminA.post("/api/v1/providers", Map.of("name", "claude", "type", "anthropic",
                "base_url", gateway.fake().baseUrl(), "api_key", GatewayHarness.PROVIDER_KEY,
                "models", List.of("claude-sonnet-4-5-20250929"), "priority", 1)).status()).isEqualTo(201);
        assertThat(adminA.post("/api/v1/providers", Map.of("name", "openai", "type", "openai",
                "base_url", gateway.fake().openAiBaseUrl(), "api_key", GatewayHarness.PROVIDER_KEY,
                "models", List.of("gpt-4o"), "priority", 2)).status()).isEqualTo(201);
        await("instance B and the worker see the new providers").atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "claude".equals(providerOf(generate(apiB))));

        ApiResponse disabled = adminA.patch("/api/v1/providers/claude", Map.of("is_enabled", false));
        long disabledAt = System.nanoTime();

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        await("instance B routes around the disabled provider").atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "openai".equals(providerOf(generate(apiB))));
        assertThat(Duration.ofNanos(System.nanoTime() - disabledAt)).isLessThan(Duration.ofSeconds(2));
        gateway.fake().reset();
        gateway.clearLocalCaches();
        for (int i = 0; i < 5; i++) {
            ApiResponse response = generate(apiB);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(providerOf(response)).isEqualTo("openai");
        }
        assertThat(gateway.fake().requests()).extracting(RecordedRequest::path).containsOnly("/v1/chat/completions");
    }

    @Test
    void anOverrideCreatedThroughOneInstanceRoutesThroughAnotherWithinTwoSeconds() {
        ApiClient adminA = gateway.admin(0);
        ApiClient apiB = gateway.api(1);
        adminA.post("/api/v1/providers", Map.of("name", "claude", "type", "anthropic", "base_url", gateway.fake().baseUrl(),
                "api_key", GatewayHarness.PROVIDER_KEY, "models", List.of("claude-sonnet-4-5-20250929"), "priority", 1));
        adminA.post("/api/v1/providers", Map.of("name", "openai", "type", "openai", "base_url", gateway.fake().openAiBaseUrl(),
                "api_key", GatewayHarness.PROVIDER_KEY, "models", List.of("gpt-4o"), "priority", 2));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> "claude".equals(providerOf(generate(apiB))));

        assertThat(adminA.post("/api/v1/overrides", Map.of("user_id", "premium_user", "provider_name", "openai"))
                .status()).isEqualTo(201);

        await("instance B applies the override").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> "openai".equals(providerOf(generate(apiB))));
    }

    private static ApiResponse generate(ApiClient api) {
        return api.post("/api/v1/generate", Map.of("user_id", "premium_user", "service", "s", "prompt", "Hi"));
    }

    private static String providerOf(ApiResponse response) {
        return response.status() == 200 ? response.json().path("provider").asText() : null;
    }
}
