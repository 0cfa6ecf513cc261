package dev.llmgateway.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.LogCapture;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider API keys are write-only: sealed at rest, opened only to call the provider, and never
 * in a response body or a log line, on the happy path or the unhappy ones.
 */
class ApiKeySecrecyIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final String KEY = GatewayHarness.PROVIDER_KEY;
    private static final String WRONG_KEY = "sk-not-the-fakes-key-Q7v3";

    private static GatewayHarness gateway;

    private final List<ApiResponse> responses = new ArrayList<>();

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

    @BeforeEach
    void freshFake() {
        gateway.fake().reset();
        gateway.clearLocalCaches();
    }

    @Test
    void theKeyReachesTheProviderButNoResponseAndNoLogLine() {
        List<String> logLines;
        try (LogCapture logs = LogCapture.start()) {
            record(gateway.admin().post("/api/v1/providers", Map.of("name", "claude", "type", "anthropic",
                    "base_url", gateway.fake().baseUrl(), "api_key", KEY, "models", List.of("claude-sonnet-4-5-20250929"))));
            record(gateway.admin().post("/api/v1/providers", Map.of("name", "openai", "type", "openai",
                    "base_url", gateway.fake().openAiBaseUrl(), "api_key", KEY, "models", List.of("gpt-4o"), "priority", 200)));
            record(gateway.admin().get("/api/v1/providers"));
            record(gateway.admin().get("/api/v1/providers/claude"));
            record(gateway.admin().patch("/api/v1/providers/claude", Map.of("priority", 5, "api_key", KEY)));
            record(gateway.admin().put("/api/v1/providers/openai", Map.of("type", "openai",
                    "base_url", gateway.fake().openAiBaseUrl(), "api_key", KEY, "models", List.of("gpt-4o"), "priority", 200)));
            gateway.refreshCatalogs();

            ApiResponse anthropic = record(generate("claude"));
            ApiResponse openAi = record(generate("openai"));

            assertThat(anthropic.status()).as(anthropic.body()).isEqualTo(200);
            assertThat(openAi.status()).as(openAi.body()).isEqualTo(200);
            logLines = logs.lines();
        }

        List<RecordedRequest> calls = gateway.fake().requests();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).header("x-api-key")).isEqualTo(KEY);
        assertThat(calls.get(1).header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isBetween(200, 299));
        assertNeverShown(KEY, logLines);
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("Provider claude created"));
    }

    @Test
    void theKeyIsInNeitherResponseNorLogWhenThingsGoWrong() {
        List<String> logLines;
        try (LogCapture logs = LogCapture.start()) {
            record(gateway.admin().post("/api/v1/providers", Map.of("name", "claude", "type", "anthropic",
                    "base_url", gateway.fake().baseUrl(), "api_key", WRONG_KEY, "models", List.of("claude-sonnet-4-5-20250929"),
                    "max_retries", 0)));
            record(gateway.admin().post("/api/v1/providers", Map.of("name", "claude", "type", "anthropic",
                    "api_key", WRONG_KEY, "models", List.of("m"))));
            record(gateway.admin().post("/api/v1/providers", Map.of("name", "Invalid Name", "type", "anthropic",
                    "api_key", WRONG_KEY, "priority", -1)));
            record(gateway.admin().patch("/api/v1/providers/claude", Map.of("api_key", WRONG_KEY, "timeout_ms", 1)));
            record(gateway.admin().post("/api/v1/providers", "{\"name\": \"x\", \"api_key\": \"" + WRONG_KEY + "\", \"priority\": \"high\"}"));
            record(gateway.admin().post("/api/v1/providers", "{\"name\": \"x\", \"api_key\": \"" + WRONG_KEY + "\""));
            gateway.refreshCatalogs();

            ApiResponse rejected = record(generate("claude"));

            assertThat(rejected.status()).as(rejected.body()).isEqualTo(502);
            logLines = logs.lines();
        }

        assertThat(gateway.fake().requests()).singleElement()
                .satisfies(call -> assertThat(call.header("x-api-key")).isEqualTo(WRONG_KEY));
        assertThat(responses).extracting(ApiResponse::status).containsExactly(201, 409, 422, 422, 400, 400, 502);
        assertNeverShown(WRONG_KEY, logLines);
    }

    private static void assertNeverShown(String key, List<String> logLines) {
        String sealed = POSTGRES.queryString("SELECT api_key_encrypted FROM provider_configs WHERE name = 'claude'");
        assertThat(sealed).startsWith("v1:");
        assertThat(logLines).isNotEmpty().noneSatisfy(line -> assertThat(line).contains(key));
        assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(sealed));
    }

    private ApiResponse record(ApiResponse response) {
        responses.add(response);
        String sealed = POSTGRES.queryString("SELECT coalesce(string_agg(api_key_encrypted, ' '), '') FROM provider_configs");
        assertThat(response.body()).doesNotContain(KEY).doesNotContain(WRONG_KEY);
        for (String ciphertext : sealed.split(" ")) {
            if (!ciphertext.isEmpty()) {
                assertThat(response.body()).doesNotContain(ciphertext).doesNotContain(ciphertext.substring(3, 20));
            }
        }
        return response;
    }

    private static ApiResponse generate(String provider) {
        return gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "Hi",
                "provider", provider));
    }
}
