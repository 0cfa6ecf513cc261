package dev.llmgateway.api.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.ProviderRow;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.RecordedRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/generate} end to end: API → Kafka → worker → fake provider → Kafka → API. */
class GenerateIT {
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

    @BeforeEach
    void freshProviders() {
        gateway.refreshCatalogs();
        gateway.clearLocalCaches();
        gateway.fake().reset();
    }

    @Test
    void answersWithTheDocumentedShapeUsageAndCost() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "test_user", "service", "trendscout", "prompt", "Hello world"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("id").asText()).startsWith("gen_");
        assertThat(body.path("content").asText()).isEqualTo("Echo: Hello world");
        assertThat(body.path("provider").asText()).isEqualTo("claude");
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(body.path("cached").asBoolean(true)).isFalse();
        assertThat(body.path("finish_reason").asText()).isEqualTo("stop");
        long input = body.path("usage").path("input_tokens").asLong();
        long output = body.path("usage").path("output_tokens").asLong();
        assertThat(input).isEqualTo(2);
        assertThat(output).isEqualTo(3);
        assertThat(body.path("cost_usd").decimalValue()).isEqualByComparingTo(
                new BigDecimal("0.000051"));
        assertThat(body.path("latency_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void sendsTheDecryptedKeyAndTheVendorsRequiredFieldsToTheProvider() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "Hi",
                "system", "Be brief", "max_tokens", 50, "temperature", 0.5));

        RecordedRequest sent = gateway.fake().requests().get(0);
        assertThat(sent.header("x-api-key")).isEqualTo(GatewayHarness.PROVIDER_KEY);
        assertThat(sent.header("anthropic-version")).isNotBlank();
        assertThat(sent.json().path("system").asText()).isEqualTo("Be brief");
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(50);
        assertThat(sent.json().path("messages").get(0).path("content").asText()).isEqualTo("Hi");
    }

    @Test
    void rejectsInvalidFieldsWith422NamingEachField() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/generate",
                Map.of("service", "s", "max_tokens", 0, "temperature", 3, "timeout_ms", -1));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorType()).isEqualTo("validation_error");
        assertThat(response.json().path("error").path("fields").findValuesAsText("field"))
                .contains("user_id", "prompt", "max_tokens", "temperature", "timeout_ms");
        assertThat(gateway.fake().requestCount()).isZero();
    }

    @Test
    void rejectsTextWithAnUnpairedSurrogateWith422InsteadOfSendingAJobTheWorkerCannotRead() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/generate", "{\"user_id\": \"u\\udfff\", \"service\": \"s\","
                + " \"prompt\": \"a\\ud800b\", \"system\": \"\\udc00\", \"metadata\": {\"k\": \"v\\ud800\"}}");
        ApiResponse paired = gateway.api().post("/api/v1/generate", "{\"user_id\": \"u\", \"service\": \"s\","
                + " \"prompt\": \"smile \\ud83d\\ude00\", \"timeout_ms\": 20000}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("user_id", "prompt", "system", "metadata");
        assertThat(response.body()).contains("unpaired surrogate");
        assertThat(paired.status()).as(paired.body()).isEqualTo(200);
        assertThat(paired.json().path("content").asText()).isEqualTo("Echo: smile \ud83d\ude00");
    }

    @Test
    void rejectsPromptAndMessagesTogether() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s",
                "prompt", "a", "messages", List.of(Map.of("role", "user", "content", "b"))));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("message").asText()).contains("exactly one of prompt or messages");
    }

    @Test
    void rejectsABodyThatIsNotJsonWith400() {
        ApiResponse response = gateway.api().post("/api/v1/generate", "{\"user_id\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("invalid_json");
        assertThat(response.body()).doesNotContain("at [Source").doesNotContain("Exception");
    }

    @Test
    void rejectsABodyOfJsonNullWith400() {
        ApiResponse response = gateway.api().post("/api/v1/generate", "null");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("invalid_json");
        assertThat(response.json().path("error").path("message").asText()).contains("request body is required");
    }

    @Test
    void rejectsWrongJsonTypesWith400() {
        ApiResponse response = gateway.api().post("/api/v1/generate",
                "{\"user_id\": \"u\", \"service\": \"s\", \"prompt\": \"p\", \"max_tokens\": \"many\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText())
                .isEqualTo("request body is not valid: max_tokens: must be an integer");
    }

    @Test
    void namesNoJavaTypeWhenTheBodyOrAFieldHasTheWrongJsonType() {
        for (String body : List.of("[1, 2]", "\"text\"", "{\"user_id\": {}}", "{\"messages\": true}",
                "{\"metadata\": [1]}", "{\"prompt\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}")) {
            ApiResponse response = gateway.api().post("/api/v1/generate", body);

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("error").path("message").asText()).as(body)
                    .doesNotContain("java.", "dev.llmgateway", "`", "Exception", "StreamReadConstraints");
        }
    }

    @Test
    void rejectsABodyOverTheLimitWith413() {
        String huge = "x".repeat(70 * 1024);

        ApiResponse response = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "u", "service", "s", "prompt", huge));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorType()).isEqualTo("payload_too_large");
    }

    @Test
    void requiresAServiceKey() {
        ApiResponse missing = gateway.api().send("/api/v1/generate", "POST", "{}", Map.of());
        ApiResponse wrong = gateway.api().send("/api/v1/generate", "POST", "{}", Map.of("X-Service-Key", "nope"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errorType()).isEqualTo("unauthorized");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void acceptsTheServiceKeyInTheXServiceKeyHeader() {
        gateway.addProvider(ProviderRow.mock("mock"));

        ApiResponse response = gateway.api().send("/api/v1/generate", "POST",
                "{\"user_id\": \"u\", \"service\": \"s\", \"prompt\": \"hi\"}",
                Map.of("X-Service-Key", "second-service-key"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void answers503WhenNoProviderIsEnabled() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withEnabled(false));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "p"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.errorType()).isEqualTo("unavailable");
    }

    @Test
    void routesAUsersRequestsToTheirOverride() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(10));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(20));
        gateway.addOverride("premium_user", null, "openai", "gpt-4o");

        ApiResponse premium = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "premium_user", "service", "test", "prompt", "Test"));
        ApiResponse regular = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "someone_else", "service", "test", "prompt", "Test"));

        assertThat(premium.json().path("provider").asText()).isEqualTo("openai");
        assertThat(premium.json().path("model").asText()).isEqualTo("gpt-4o");
        assertThat(regular.json().path("provider").asText()).isEqualTo("claude");
    }

    @Test
    void prefersTheLowestPriorityNumber() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(50));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(5));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "p"));

        assertThat(response.json().path("provider").asText()).isEqualTo("openai");
    }

    @Test
    void honoursAnExplicitProviderAndModel() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s",
                "prompt", "p", "provider", "openai", "model", "gpt-4o"));

        assertThat(response.json().path("provider").asText()).isEqualTo("openai");
        assertThat(response.json().path("model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void rejectsAnUnknownExplicitProviderWith422() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s",
                "prompt", "p", "provider", "nope"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").get(0).path("field").asText()).isEqualTo("provider");
    }

    @Test
    void fallsBackToTheNextProviderWhenTheFirstKeepsFailing() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1).withMaxRetries(1));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2));
        gateway.fake().enqueue(Behavior.status(500), Behavior.status(500));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "p"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("provider").asText()).isEqualTo("openai");
        assertThat(gateway.fake().requests()).extracting(RecordedRequest::path)
                .containsExactly("/v1/messages", "/v1/messages", "/v1/chat/completions");
    }

    @Test
    void answers502WithoutTheProvidersBodyWhenEveryProviderFails() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(1).withMaxRetries(0));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(2).withMaxRetries(0));
        gateway.fake().setDefault(Behavior.status(500));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "p"));

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.errorType()).isEqualTo("provider_error");
        assertThat(response.json().path("error").path("message").asText())
                .contains("claude", "openai", "HTTP 500").doesNotContain("api_error");
        assertThat(response.json().path("error").path("id").asText()).startsWith("gen_");
    }

    @Test
    void answers504WithTheRequestIdWhenTheProviderIsSlowerThanTheTimeout() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(0));
        gateway.fake().setDefault(Behavior.latency(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        ApiResponse response = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "u", "service", "s", "prompt", "p", "timeout_ms", 300));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.errorType()).isEqualTo("timeout");
        assertThat(response.json().path("error").path("id").asText()).startsWith("gen_");
        assertThat(elapsedMs).isLessThan(2500);
    }

    @Test
    void waitsAsLongAsRetryAfterSaysBeforeRetrying() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(2));
        gateway.fake().enqueue(Behavior.rateLimited(1));

        ApiResponse response = gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "p"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<RecordedRequest> calls = gateway.fake().requests();
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
}
