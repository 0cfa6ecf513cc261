package dev.llmgateway.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.util.LinkedHashMap;
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

/** {@code /api/v1/providers} against a running API and Postgres. */
class ProviderResourceIT {
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
    void freshCatalog() {
        gateway.refreshCatalogs();
        gateway.fake().reset();
        gateway.clearLocalCaches();
    }

    static Map<String, Object> claude() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "claude");
        body.put("type", "anthropic");
        body.put("display_name", "Anthropic Claude");
        body.put("api_key", "sk-ant-secret-key-wxyz");
        body.put("models", List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"));
        body.put("default_model", "claude-sonnet-4-5-20250929");
        body.put("is_enabled", true);
        body.put("priority", 10);
        body.put("rate_limit_rpm", 60);
        body.put("timeout_ms", 60000);
        body.put("max_retries", 2);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static ApiResponse create(Map<String, Object> body) {
        ApiResponse response = gateway.admin().post("/api/v1/providers", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    // The original's seven provider tests

    @Test
    void listsNoProvidersWhenNoneAreConfigured() {
        ApiResponse response = gateway.admin().get("/api/v1/providers");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.json()).isEmpty();
    }

    @Test
    void createsAProviderAndAnswers201WithItsBody() {
        ApiResponse response = gateway.admin().post("/api/v1/providers", claude());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith("/api/v1/providers/claude");
        JsonNode body = response.json();
        assertThat(body.path("name").asText()).isEqualTo("claude");
        assertThat(body.path("type").asText()).isEqualTo("anthropic");
        assertThat(body.path("display_name").asText()).isEqualTo("Anthropic Claude");
        assertThat(body.path("base_url").isNull()).isTrue();
        assertThat(body.path("models")).extracting(JsonNode::asText)
                .containsExactly("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001");
        assertThat(body.path("default_model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(body.path("is_enabled").asBoolean()).isTrue();
        assertThat(body.path("priority").asInt()).isEqualTo(10);
        assertThat(body.path("rate_limit_rpm").asInt()).isEqualTo(60);
        assertThat(body.path("timeout_ms").asInt()).isEqualTo(60000);
        assertThat(body.path("max_retries").asInt()).isEqualTo(2);
        assertThat(body.path("has_api_key").asBoolean()).isTrue();
        assertThat(body.path("api_key_hint").asText()).isEqualTo("\u2026wxyz");
        assertThat(body.has("api_key")).isFalse();
    }

    @Test
    void rejectsASecondProviderWithTheSameNameWith409() {
        create(claude());

        ApiResponse response = gateway.admin().post("/api/v1/providers", with(claude(), "type", "openai"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorType()).isEqualTo("conflict");
        assertThat(response.json().path("error").path("message").asText()).contains("claude");
        assertThat(gateway.admin().get("/api/v1/providers/claude").json().path("type").asText()).isEqualTo("anthropic");
    }

    @Test
    void getsAProviderByName() {
        create(claude());

        ApiResponse response = gateway.admin().get("/api/v1/providers/claude");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("name").asText()).isEqualTo("claude");
        assertThat(response.json().path("api_key_hint").asText()).isEqualTo("\u2026wxyz");
    }

    @Test
    void answers404ForAnUnknownProvider() {
        ApiResponse response = gateway.admin().get("/api/v1/providers/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorType()).isEqualTo("not_found");
        assertThat(response.json().path("error").path("message").asText()).contains("nope");
    }

    @Test
    void replacesAProviderWithPut() {
        create(claude());

        ApiResponse response = gateway.admin().put("/api/v1/providers/claude",
                with(with(without(claude(), "rate_limit_rpm"), "priority", 5), "is_enabled", false));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode stored = gateway.admin().get("/api/v1/providers/claude").json();
        assertThat(stored.path("priority").asInt()).isEqualTo(5);
        assertThat(stored.path("is_enabled").asBoolean()).isFalse();
        assertThat(stored.path("rate_limit_rpm").isNull()).isTrue();
        assertThat(stored).isEqualTo(response.json());
    }

    @Test
    void deletesAProviderWith204() {
        create(claude());

        ApiResponse response = gateway.admin().delete("/api/v1/providers/claude");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(gateway.admin().get("/api/v1/providers/claude").status()).isEqualTo(404);
        assertThat(gateway.admin().delete("/api/v1/providers/claude").status()).isEqualTo(404);
    }

    // Lists, defaults, PUT and PATCH semantics

    @Test
    void listsProvidersLowestPriorityFirst() {
        create(with(claude(), "priority", 20));
        create(with(with(claude(), "name", "backup"), "priority", 5));

        ApiResponse response = gateway.admin().get("/api/v1/providers");

        assertThat(response.json().findValuesAsText("name")).containsExactly("backup", "claude");
    }

    @Test
    void fillsOmittedFieldsWithDefaults() {
        ApiResponse response = create(Map.of("name", "local", "type", "mock"));

        JsonNode body = response.json();
        assertThat(body.path("is_enabled").asBoolean()).isTrue();
        assertThat(body.path("priority").asInt()).isEqualTo(100);
        assertThat(body.path("timeout_ms").asInt()).isEqualTo(60000);
        assertThat(body.path("max_retries").asInt()).isEqualTo(2);
        assertThat(body.path("rate_limit_rpm").isNull()).isTrue();
        assertThat(body.path("models")).isEmpty();
        assertThat(body.path("has_api_key").asBoolean()).isFalse();
        assertThat(body.path("api_key_hint").isNull()).isTrue();
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        create(claude());

        ApiResponse response = gateway.admin().patch("/api/v1/providers/claude", Map.of("priority", 3));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode expected = create(with(with(claude(), "name", "reference"), "priority", 3)).json();
        ((ObjectNode) expected).put("name", "claude");
        assertThat(response.json()).isEqualTo(expected);
        assertThat(gateway.admin().get("/api/v1/providers/claude").json()).isEqualTo(expected);
    }

    @Test
    void patchWithAnExplicitNullClearsANullableField() {
        create(claude());

        ApiResponse response = gateway.admin().patch("/api/v1/providers/claude", "{\"rate_limit_rpm\": null}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("rate_limit_rpm").isNull()).isTrue();
        assertThat(response.json().path("priority").asInt()).isEqualTo(10);
    }

    @Test
    void patchWithApiKeyNullRemovesTheKey() {
        create(claude());

        ApiResponse response = gateway.admin().patch("/api/v1/providers/claude", "{\"api_key\": null}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("has_api_key").asBoolean()).isFalse();
        assertThat(response.json().path("api_key_hint").isNull()).isTrue();
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM provider_configs WHERE api_key_encrypted IS NULL "
                + "AND api_key_hint IS NULL AND name = 'claude'")).isEqualTo(1);
    }

    @Test
    void patchWithANewApiKeyReplacesTheKeyAndItsHint() {
        create(claude());
        String before = POSTGRES.queryString("SELECT api_key_encrypted FROM provider_configs WHERE name = 'claude'");

        ApiResponse response = gateway.admin().patch("/api/v1/providers/claude", Map.of("api_key", "sk-ant-another-key-9876"));

        assertThat(response.json().path("api_key_hint").asText()).isEqualTo("\u20269876");
        assertThat(POSTGRES.queryString("SELECT api_key_encrypted FROM provider_configs WHERE name = 'claude'"))
                .isNotEqualTo(before).startsWith("v1:");
    }

    @Test
    void putWithoutApiKeyKeepsTheStoredKey() {
        create(claude());
        String sealed = POSTGRES.queryString("SELECT api_key_encrypted FROM provider_configs WHERE name = 'claude'");

        ApiResponse response = gateway.admin().put("/api/v1/providers/claude", without(claude(), "api_key"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("has_api_key").asBoolean()).isTrue();
        assertThat(POSTGRES.queryString("SELECT api_key_encrypted FROM provider_configs WHERE name = 'claude'"))
                .isEqualTo(sealed);
    }

    @Test
    void acceptsWhatGetAnswersAsAPutBodyAndKeepsTheKey() {
        create(claude());
        ObjectNode shown = (ObjectNode) gateway.admin().get("/api/v1/providers/claude").json();
        shown.put("priority", 7);

        ApiResponse response = gateway.admin().put("/api/v1/providers/claude", shown.toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(shown);
    }

    @Test
    void aShortKeyIsStoredButGetsNoHint() {
        ApiResponse response = create(with(claude(), "api_key", "abc123"));

        assertThat(response.json().path("has_api_key").asBoolean()).isTrue();
        assertThat(response.json().path("api_key_hint").isNull()).isTrue();
    }

    @Test
    void answers404WhenChangingOrDeletingAnUnknownProvider() {
        assertThat(gateway.admin().put("/api/v1/providers/nope", with(claude(), "name", "nope")).status()).isEqualTo(404);
        assertThat(gateway.admin().patch("/api/v1/providers/nope", Map.of("priority", 1)).status()).isEqualTo(404);
        assertThat(gateway.admin().delete("/api/v1/providers/nope").status()).isEqualTo(404);
    }

    // Validation

    static Stream<Arguments> invalidProviders() {
        return Stream.of(
                Arguments.of(without(claude(), "name"), "name"),
                Arguments.of(with(claude(), "name", "Claude"), "name"),
                Arguments.of(with(claude(), "name", "-claude"), "name"),
                Arguments.of(with(claude(), "name", "a".repeat(64)), "name"),
                Arguments.of(with(claude(), "name", "cl aude"), "name"),
                Arguments.of(without(claude(), "type"), "type"),
                Arguments.of(with(claude(), "type", "gemini"), "type"),
                Arguments.of(with(claude(), "priority", -1), "priority"),
                Arguments.of(with(claude(), "rate_limit_rpm", 0), "rate_limit_rpm"),
                Arguments.of(with(claude(), "timeout_ms", 0), "timeout_ms"),
                Arguments.of(with(claude(), "timeout_ms", 3_600_000), "timeout_ms"),
                Arguments.of(with(claude(), "max_retries", -1), "max_retries"),
                Arguments.of(with(claude(), "max_retries", 11), "max_retries"),
                Arguments.of(with(without(claude(), "base_url"), "type", "custom"), "base_url"),
                Arguments.of(with(claude(), "base_url", "ftp://files.example.com"), "base_url"),
                Arguments.of(with(claude(), "base_url", "api.anthropic.com"), "base_url"),
                Arguments.of(with(claude(), "base_url", "https://user:pw@api.example.com"), "base_url"),
                Arguments.of(with(claude(), "models", List.of("claude-sonnet-4-5-20250929", " ")), "models[1]"),
                Arguments.of(with(claude(), "default_model", "gpt-4o"), "default_model"),
                Arguments.of(with(without(claude(), "default_model"), "models", List.of()), "models"),
                Arguments.of(with(claude(), "display_name", ""), "display_name"),
                Arguments.of(with(claude(), "api_key", "   "), "api_key"),
                Arguments.of(with(claude(), "api_key", "sk-ant-abc\nX-Injected: 1"), "api_key"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidProviders")
    void rejectsAnInvalidFieldWith422NamingIt(Map<String, Object> body, String field) {
        ApiResponse response = gateway.admin().post("/api/v1/providers", body);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errorType()).isEqualTo("validation_error");
        assertThat(response.json().path("error").path("fields").findValuesAsText("field")).containsExactly(field);
        assertThat(gateway.admin().get("/api/v1/providers").json()).isEmpty();
    }

    @Test
    void rejectsANullModelInTheList() {
        ApiResponse response = gateway.admin().post("/api/v1/providers",
                "{\"name\": \"c\", \"type\": \"openai\", \"models\": [\"gpt-4o\", null]}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field")).containsExactly("models[1]");
    }

    @Test
    void acceptsAnHttpBaseUrlForACustomProvider() {
        ApiResponse response = create(Map.of("name", "local-llm", "type", "custom", "base_url", "http://127.0.0.1:8000/v1",
                "models", List.of("llama3")));

        assertThat(response.json().path("base_url").asText()).isEqualTo("http://127.0.0.1:8000/v1");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        ApiResponse response = gateway.admin().post("/api/v1/providers",
                Map.of("name", "Bad Name", "type", "nope", "priority", -5, "max_retries", 99));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("name", "type", "priority", "max_retries");
    }

    @Test
    void rejectsRenamingThroughPutOrPatch() {
        create(claude());

        ApiResponse put = gateway.admin().put("/api/v1/providers/claude", with(claude(), "name", "other"));
        ApiResponse patch = gateway.admin().patch("/api/v1/providers/claude", Map.of("name", "other"));

        assertThat(put.status()).isEqualTo(422);
        assertThat(patch.status()).isEqualTo(422);
        assertThat(patch.json().path("error").path("fields").findValuesAsText("field")).containsExactly("name");
        assertThat(gateway.admin().get("/api/v1/providers/other").status()).isEqualTo(404);
    }

    @Test
    void patchRejectsNullForAFieldThatCannotBeNull() {
        create(claude());

        ApiResponse response = gateway.admin().patch("/api/v1/providers/claude", "{\"priority\": null, \"is_enabled\": null}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("priority", "is_enabled");
        assertThat(gateway.admin().get("/api/v1/providers/claude").json().path("priority").asInt()).isEqualTo(10);
    }

    @Test
    void patchIsValidatedAsAWholeAndChangesNothingWhenInvalid() {
        create(claude());

        ApiResponse response = gateway.admin().patch("/api/v1/providers/claude", Map.of("default_model", "gpt-4o"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field")).containsExactly("default_model");
        assertThat(gateway.admin().get("/api/v1/providers/claude").json().path("default_model").asText())
                .isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void rejectsWrongJsonTypesWith400() {
        ApiResponse response = gateway.admin().post("/api/v1/providers", with(claude(), "priority", "high"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorType()).isEqualTo("invalid_json");
        assertThat(response.json().path("error").path("message").asText()).contains("priority");
    }

    @Test
    void rejectsABodyThatIsNotAJsonObjectWith400() {
        assertThat(gateway.admin().post("/api/v1/providers", "[1, 2]").status()).isEqualTo(400);
        assertThat(gateway.admin().post("/api/v1/providers", "{\"name\": ").status()).isEqualTo(400);
        assertThat(gateway.admin().post("/api/v1/providers", "").status()).isEqualTo(400);
    }

    // Auth

    static Stream<Arguments> endpoints() {
        String body = Json.write(claude());
        return Stream.of(
                Arguments.of("GET", "/api/v1/providers", null),
                Arguments.of("POST", "/api/v1/providers", body),
                Arguments.of("GET", "/api/v1/providers/claude", null),
                Arguments.of("PUT", "/api/v1/providers/claude", body),
                Arguments.of("PATCH", "/api/v1/providers/claude", "{\"priority\": 1}"),
                Arguments.of("DELETE", "/api/v1/providers/claude", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void answers401WithoutAKeyOrWithAWrongOne(String method, String path, String body) {
        ApiResponse missing = gateway.api().send(path, method, body, Map.of());
        ApiResponse wrongBearer = gateway.api().send(path, method, body, Map.of("Authorization", "Bearer not-a-key"));
        ApiResponse wrongHeader = gateway.api().send(path, method, body, Map.of("X-Service-Key", "not-a-key"));

        assertThat(List.of(missing, wrongBearer, wrongHeader)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorType()).isEqualTo("unauthorized");
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void answers403ToAServiceKeyInEitherHeader(String method, String path, String body) {
        ApiResponse bearer = gateway.api().send(path, method, body,
                Map.of("Authorization", "Bearer " + GatewayHarness.SERVICE_KEY));
        ApiResponse header = gateway.api().send(path, method, body, Map.of("X-Service-Key", "second-service-key"));

        assertThat(List.of(bearer, header)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorType()).isEqualTo("forbidden");
        });
        assertThat(gateway.admin().get("/api/v1/providers").json()).isEmpty();
    }

    @Test
    void acceptsTheAdminKeyInEitherHeader() {
        ApiResponse viaBearer = gateway.api().send("/api/v1/providers", "POST", Json.write(claude()),
                Map.of("Authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
        ApiResponse viaHeader = gateway.api().send("/api/v1/providers/claude", "GET", null,
                Map.of("X-Service-Key", GatewayHarness.ADMIN_KEY));

        assertThat(viaBearer.status()).as(viaBearer.body()).isEqualTo(201);
        assertThat(viaHeader.status()).isEqualTo(200);
    }

    // Routing sees the change at once

    @Test
    void disablingAProviderTakesEffectOnThisInstancesNextRequest() {
        create(with(with(claude(), "base_url", gateway.fake().baseUrl()), "api_key", GatewayHarness.PROVIDER_KEY));
        create(Map.of("name", "openai", "type", "openai", "base_url", gateway.fake().openAiBaseUrl(),
                "api_key", GatewayHarness.PROVIDER_KEY, "models", List.of("gpt-4o-mini"), "priority", 20));
        gateway.refreshCatalogs();
        assertThat(generate().json().path("provider").asText()).isEqualTo("claude");

        gateway.admin().patch("/api/v1/providers/claude", Map.of("is_enabled", false));

        ApiResponse next = generate();
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().path("provider").asText()).isEqualTo("openai");
    }

    private static ApiResponse generate() {
        return gateway.api().post("/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "Hi"));
    }
}
