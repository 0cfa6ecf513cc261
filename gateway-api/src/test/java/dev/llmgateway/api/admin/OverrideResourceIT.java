package dev.llmgateway.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /api/v1/overrides} against a running API and Postgres. */
class OverrideResourceIT {
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
    void twoProviders() {
        gateway.fake().reset();
        gateway.clearLocalCaches();
        gateway.addProvider(gateway.fakeAnthropic("claude").withPriority(10));
        gateway.addProvider(gateway.fakeOpenAi("openai").withPriority(20));
    }

    private static String json(String userId, String service, String provider, String model) {
        return "{\"user_id\": " + quoted(userId) + ", \"service_name\": " + quoted(service)
                + ", \"provider_name\": " + quoted(provider) + ", \"model_name\": " + quoted(model) + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : Json.write(value);
    }

    private static long create(String userId, String service, String provider, String model) {
        ApiResponse response = gateway.admin().post("/api/v1/overrides", json(userId, service, provider, model));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    // The original's five override tests

    @Test
    void createsAnOverrideAndAnswers201WithItsBody() {
        ApiResponse response = gateway.admin().post("/api/v1/overrides", json("premium_user", null, "openai", "gpt-4o"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.path("id").asLong()).isPositive();
        assertThat(body.path("user_id").asText()).isEqualTo("premium_user");
        assertThat(body.has("service_name")).isTrue();
        assertThat(body.path("service_name").isNull()).isTrue();
        assertThat(body.path("provider_name").asText()).isEqualTo("openai");
        assertThat(body.path("model_name").asText()).isEqualTo("gpt-4o");
        assertThat(response.header("Location")).endsWith("/api/v1/overrides/" + body.path("id").asLong());
    }

    @Test
    void listsEveryOverride() {
        long first = create("alice", null, "openai", "gpt-4o");
        long second = create("bob", "trendscout", "claude", null);

        ApiResponse response = gateway.admin().get("/api/v1/overrides");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().findValues("id")).extracting(JsonNode::asLong).containsExactly(first, second);
    }

    @Test
    void filtersTheListByUser() {
        long alice = create("alice", null, "openai", "gpt-4o");
        long aliceTrend = create("alice", "trendscout", "claude", null);
        create("bob", null, "claude", null);

        ApiResponse response = gateway.admin().get("/api/v1/overrides?user_id=alice");

        assertThat(response.json().findValues("id")).extracting(JsonNode::asLong).containsExactly(alice, aliceTrend);
        assertThat(gateway.admin().get("/api/v1/overrides?user_id=nobody").json()).isEmpty();
    }

    @Test
    void rejectsANulInTheUserFilterWith422NotADatabaseError() {
        ApiResponse response = gateway.admin().get("/api/v1/overrides?user_id=a%00b");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").get(0).path("field").asText()).isEqualTo("user_id");
    }

    @Test
    void deletesAnOverrideWith204() {
        long id = create("alice", null, "openai", null);

        ApiResponse response = gateway.admin().delete("/api/v1/overrides/" + id);

        assertThat(response.status()).isEqualTo(204);
        assertThat(gateway.admin().get("/api/v1/overrides/" + id).status()).isEqualTo(404);
        assertThat(gateway.admin().delete("/api/v1/overrides/" + id).status()).isEqualTo(404);
    }

    @Test
    void rejectsAnOverrideForAnUnknownProviderWith422() {
        ApiResponse response = gateway.admin().post("/api/v1/overrides", json("alice", null, "gemini", null));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorType()).isEqualTo("validation_error");
        assertThat(response.json().path("error").path("fields").get(0).path("field").asText()).isEqualTo("provider_name");
        assertThat(response.json().path("error").path("message").asText()).contains("gemini");
        assertThat(gateway.admin().get("/api/v1/overrides").json()).isEmpty();
    }

    // More

    @Test
    void getsAnOverrideById() {
        long id = create("alice", "trendscout", "claude", "claude-sonnet-4-5-20250929");

        ApiResponse response = gateway.admin().get("/api/v1/overrides/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("service_name").asText()).isEqualTo("trendscout");
        assertThat(response.json().path("model_name").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void answers404ForAnUnknownOrMalformedId() {
        assertThat(gateway.admin().get("/api/v1/overrides/999999").status()).isEqualTo(404);
        assertThat(gateway.admin().get("/api/v1/overrides/abc").errorType()).isEqualTo("not_found");
        assertThat(gateway.admin().put("/api/v1/overrides/999999", json("a", null, "claude", null)).status()).isEqualTo(404);
        assertThat(gateway.admin().delete("/api/v1/overrides/999999").status()).isEqualTo(404);
    }

    @Test
    void replacesAnOverrideWithPut() {
        long id = create("alice", null, "openai", "gpt-4o");

        ApiResponse response = gateway.admin().put("/api/v1/overrides/" + id, json("alice", "trendscout", "claude", null));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("id").asLong()).isEqualTo(id);
        assertThat(response.json().path("service_name").asText()).isEqualTo("trendscout");
        assertThat(response.json().path("provider_name").asText()).isEqualTo("claude");
        assertThat(response.json().path("model_name").isNull()).isTrue();
        assertThat(gateway.admin().get("/api/v1/overrides/" + id).json()).isEqualTo(response.json());
    }

    @Test
    void rejectsASecondOverrideForTheSameUserAndServiceWith409() {
        long first = create("alice", "trendscout", "openai", null);

        ApiResponse response = gateway.admin().post("/api/v1/overrides", json("alice", "trendscout", "claude", null));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorType()).isEqualTo("conflict");
        assertThat(response.json().path("error").path("message").asText()).contains("override " + first);
    }

    @Test
    void rejectsASecondAnyServiceOverrideForTheSameUserWith409() {
        create("alice", null, "openai", null);

        ApiResponse response = gateway.admin().post("/api/v1/overrides", json("alice", null, "claude", null));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("error").path("message").asText()).contains("every service");
    }

    @Test
    void rejectsAPutThatCollidesWithAnotherOverrideWith409() {
        create("alice", null, "openai", null);
        long other = create("alice", "trendscout", "claude", null);

        ApiResponse response = gateway.admin().put("/api/v1/overrides/" + other, json("alice", null, "claude", null));

        assertThat(response.status()).isEqualTo(409);
        assertThat(gateway.admin().get("/api/v1/overrides/" + other).json().path("service_name").asText()).isEqualTo("trendscout");
    }

    @Test
    void allowsOneUserAnAnyServiceOverrideAndPerServiceOnes() {
        create("alice", null, "openai", null);
        create("alice", "trendscout", "claude", null);
        create("alice", "other", "claude", null);

        assertThat(gateway.admin().get("/api/v1/overrides?user_id=alice").json()).hasSize(3);
    }

    static Stream<Arguments> invalidOverrides() {
        return Stream.of(
                Arguments.of(json(null, null, "claude", null), "user_id"),
                Arguments.of(json(" ", null, "claude", null), "user_id"),
                Arguments.of(json("alice", "", "claude", null), "service_name"),
                Arguments.of(json("alice", null, null, null), "provider_name"),
                Arguments.of(json("alice", null, "Not A Provider", null), "provider_name"),
                Arguments.of(json("alice", null, "claude", " "), "model_name"),
                Arguments.of(json("a".repeat(300), null, "claude", null), "user_id"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidOverrides")
    void rejectsAnInvalidFieldWith422NamingIt(String body, String field) {
        ApiResponse response = gateway.admin().post("/api/v1/overrides", body);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field")).containsExactly(field);
    }

    @Test
    void rejectsAnUnknownProviderInAPutWith422() {
        long id = create("alice", null, "openai", null);

        ApiResponse response = gateway.admin().put("/api/v1/overrides/" + id, json("alice", null, "gemini", null));

        assertThat(response.status()).isEqualTo(422);
        assertThat(gateway.admin().get("/api/v1/overrides/" + id).json().path("provider_name").asText()).isEqualTo("openai");
    }

    @Test
    void refusesToDeleteAProviderThatOverridesUseAndNamesThem() {
        long first = create("alice", null, "openai", null);
        long second = create("bob", "trendscout", "openai", "gpt-4o");

        ApiResponse response = gateway.admin().delete("/api/v1/providers/openai");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorType()).isEqualTo("conflict");
        assertThat(response.json().path("error").path("message").asText())
                .contains("override", Long.toString(first), "alice", Long.toString(second), "bob", "trendscout");
        assertThat(gateway.admin().get("/api/v1/providers/openai").status()).isEqualTo(200);

        gateway.admin().delete("/api/v1/overrides/" + first);
        gateway.admin().delete("/api/v1/overrides/" + second);
        assertThat(gateway.admin().delete("/api/v1/providers/openai").status()).isEqualTo(204);
    }

    @Test
    void aNewOverrideRoutesTheUsersNextRequestThroughThisInstance() {
        assertThat(generate("premium_user").json().path("provider").asText()).isEqualTo("claude");

        create("premium_user", null, "openai", "gpt-4o");

        ApiResponse next = generate("premium_user");
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().path("provider").asText()).isEqualTo("openai");
        assertThat(next.json().path("model").asText()).isEqualTo("gpt-4o");
        assertThat(generate("someone_else").json().path("provider").asText()).isEqualTo("claude");
    }

    // Auth

    static Stream<Arguments> endpoints() {
        String body = json("alice", null, "claude", null);
        return Stream.of(
                Arguments.of("GET", "/api/v1/overrides", null),
                Arguments.of("GET", "/api/v1/overrides?user_id=alice", null),
                Arguments.of("POST", "/api/v1/overrides", body),
                Arguments.of("GET", "/api/v1/overrides/1", null),
                Arguments.of("PUT", "/api/v1/overrides/1", body),
                Arguments.of("DELETE", "/api/v1/overrides/1", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void answers401WithoutAKeyOrWithAWrongOne(String method, String path, String body) {
        List<ApiResponse> responses = List.of(
                gateway.api().send(path, method, body, Map.of()),
                gateway.api().send(path, method, body, Map.of("Authorization", "Bearer wrong")),
                gateway.api().send(path, method, body, Map.of("X-Service-Key", "wrong")));

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(401));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void answers403ToAServiceKeyInEitherHeader(String method, String path, String body) {
        List<ApiResponse> responses = List.of(
                gateway.api().send(path, method, body, Map.of("Authorization", "Bearer " + GatewayHarness.SERVICE_KEY)),
                gateway.api().send(path, method, body, Map.of("X-Service-Key", GatewayHarness.SERVICE_KEY)));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorType()).isEqualTo("forbidden");
        });
    }

    private static ApiResponse generate(String userId) {
        return gateway.api().post("/api/v1/generate", Map.of("user_id", userId, "service", "test", "prompt", "Test"));
    }
}
