package dev.llmgateway.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.auth.ApiKeys;
import dev.llmgateway.api.auth.KeyFilters;
import dev.llmgateway.api.db.UsageDao;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.errors.JsonErrorMapper;
import dev.llmgateway.api.errors.UnexpectedErrorMapper;
import dev.llmgateway.api.errors.WebErrorMapper;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.testkit.PostgresFixture;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The usage endpoints against daily totals seeded in the test Postgres. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UsageResourceIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    private static final String SERVICE_KEY = "service-key-1";
    private static final Jdbi JDBI = Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin());

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .setRegisterDefaultExceptionMappers(false)
            .addProvider(new KeyFilters.ServiceKeyFilter(new ApiKeys("admin-key-1", List.of(SERVICE_KEY))))
            .addProvider(new ApiExceptionMapper())
            .addProvider(new JsonErrorMapper())
            .addProvider(new WebErrorMapper())
            .addProvider(new UnexpectedErrorMapper())
            .addResource(new UsageResource(JDBI.onDemand(UsageDao.class)))
            .build();

    @BeforeEach
    void seedDailyTotals() {
        POSTGRES.execute("INSERT INTO usage_daily (date, user_id, service, provider, model, requests,"
                + " cached_requests, failed_requests, input_tokens, output_tokens, cost_usd, latency_ms_sum) VALUES"
                + " ('2026-11-23', 'alice', 'trendscout', 'claude', 'claude-sonnet-4-5', 10, 2, 1, 1000, 2000, 0.5, 9000),"
                + " ('2026-11-24', 'alice', 'trendscout', 'claude', 'claude-sonnet-4-5', 5, 1, 0, 500, 1000, 0.25, 4000),"
                + " ('2026-11-24', 'alice', 'pricing', 'openai', 'gpt-4o', 4, 0, 1, 400, 800, 0.04, 3000),"
                + " ('2026-11-24', 'bob', 'trendscout', 'openai', 'gpt-4o', 20, 5, 0, 2000, 4000, 1.2, 15000),"
                + " ('2026-11-25', 'bob', 'pricing', 'claude', 'claude-haiku-4-5', 3, 0, 0, 300, 600, 0.0000004, 900),"
                + " ('2026-11-25', 'carol', 'trendscout', 'openai', 'gpt-4o-mini', 1, 1, 0, 0, 0, 0, 5)");
    }

    @Test
    void summarySumsEveryRowExactly() {
        JsonNode totals = get("summary", Map.of());

        assertThat(totals.get("requests").asLong()).isEqualTo(43);
        assertThat(totals.get("cached_requests").asLong()).isEqualTo(9);
        assertThat(totals.get("failed_requests").asLong()).isEqualTo(2);
        assertThat(totals.get("input_tokens").asLong()).isEqualTo(4200);
        assertThat(totals.get("output_tokens").asLong()).isEqualTo(8400);
        assertThat(totals.get("cost_usd").decimalValue()).isEqualByComparingTo("1.9900004");
        assertThat(totals.size()).isEqualTo(6);
    }

    @Test
    void writesCostAsAPlainDecimalWithoutTrailingZeros() {
        String body = getBody("by-provider", Map.of("provider", "claude"));

        assertThat(body).contains("\"cost_usd\":0.75}", "\"cost_usd\":0.0000004}").doesNotContain("E-");
        assertThat(getBody("summary", Map.of("user_id", "carol"))).contains("\"cost_usd\":0}");
    }

    @Test
    void byUserListsTheMostExpensiveUserFirst() {
        JsonNode rows = get("by-user", Map.of()).get("rows");

        assertThat(keys(rows)).containsExactly("bob", "alice", "carol");
        assertThat(rows.get(0).get("requests").asLong()).isEqualTo(23);
        assertThat(rows.get(0).get("cost_usd").decimalValue()).isEqualByComparingTo("1.2000004");
        assertThat(rows.get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("0.79");
    }

    @Test
    void byServiceListsTheMostExpensiveServiceFirst() {
        JsonNode rows = get("by-service", Map.of()).get("rows");

        assertThat(keys(rows)).containsExactly("trendscout", "pricing");
        assertThat(rows.get(0).get("requests").asLong()).isEqualTo(36);
        assertThat(rows.get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("0.0400004");
    }

    @Test
    void byProviderHasARowPerProviderAndModel() {
        JsonNode rows = get("by-provider", Map.of()).get("rows");

        assertThat(keys(rows)).containsExactly("openai/gpt-4o", "claude/claude-sonnet-4-5",
                "claude/claude-haiku-4-5", "openai/gpt-4o-mini");
        assertThat(rows.get(0).get("provider").asText()).isEqualTo("openai");
        assertThat(rows.get(0).get("model").asText()).isEqualTo("gpt-4o");
        assertThat(rows.get(0).get("requests").asLong()).isEqualTo(24);
        assertThat(rows.get(3).get("cached_requests").asLong()).isEqualTo(1);
    }

    @Test
    void dailyListsDaysInAscendingOrder() {
        JsonNode rows = get("daily", Map.of()).get("rows");

        assertThat(rows).extracting(row -> row.get("date").asText())
                .containsExactly("2026-11-23", "2026-11-24", "2026-11-25");
        assertThat(rows).extracting(row -> row.get("requests").asLong()).containsExactly(10L, 29L, 4L);
        assertThat(rows.get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("1.49");
    }

    @Test
    void userDetailHasTheUsersTotalsAndARowPerService() {
        JsonNode alice = get("users/alice", Map.of());

        assertThat(alice.get("user_id").asText()).isEqualTo("alice");
        assertThat(alice.get("requests").asLong()).isEqualTo(19);
        assertThat(alice.get("cost_usd").decimalValue()).isEqualByComparingTo("0.79");
        assertThat(keys(alice.get("by_service"))).containsExactly("trendscout", "pricing");
        assertThat(alice.get("by_service").get(0).get("requests").asLong()).isEqualTo(15);
    }

    @Test
    void userDetailTakesTheUserFromThePathAndTheOtherFilters() {
        JsonNode alice = get("users/alice", Map.of("user_id", "bob", "from", "2026-11-24"));

        assertThat(alice.get("requests").asLong()).isEqualTo(9);
        assertThat(keys(alice.get("by_service"))).containsExactly("trendscout", "pricing");
    }

    @Test
    void anUnknownUserHasZeroTotals() {
        JsonNode nobody = get("users/nobody", Map.of());

        assertThat(nobody.get("requests").asLong()).isZero();
        assertThat(nobody.get("cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(nobody.get("by_service")).isEmpty();
    }

    @Test
    void datesAreAnInclusiveUtcRange() {
        assertThat(get("summary", Map.of("from", "2026-11-24")).get("requests").asLong()).isEqualTo(33);
        assertThat(get("summary", Map.of("to", "2026-11-24")).get("requests").asLong()).isEqualTo(39);
        assertThat(get("summary", Map.of("from", "2026-11-24", "to", "2026-11-24")).get("requests").asLong())
                .isEqualTo(29);
        assertThat(get("daily", Map.of("from", "2026-11-24", "to", "2026-11-25")).get("rows")).hasSize(2);
    }

    @Test
    void filtersByUserServiceAndProviderTogether() {
        assertThat(get("summary", Map.of("user_id", "bob")).get("requests").asLong()).isEqualTo(23);
        assertThat(get("summary", Map.of("service", "pricing")).get("requests").asLong()).isEqualTo(7);
        assertThat(keys(get("by-provider", Map.of("provider", "claude")).get("rows")))
                .containsExactly("claude/claude-sonnet-4-5", "claude/claude-haiku-4-5");
        assertThat(keys(get("by-user", Map.of("from", "2026-11-24", "service", "trendscout", "provider", "openai"))
                .get("rows"))).containsExactly("bob", "carol");
        assertThat(keys(get("by-user", Map.of("to", "2026-11-24", "service", "trendscout", "provider", "openai"))
                .get("rows"))).containsExactly("bob");
    }

    @Test
    void anEmptyFilterValueDoesNotFilter() {
        assertThat(get("summary", Map.of("user_id", "", "from", "")).get("requests").asLong()).isEqualTo(43);
    }

    @Test
    void filtersThatMatchNothingGiveZerosAndNoRows() {
        assertThat(get("summary", Map.of("service", "nothing")).get("requests").asLong()).isZero();
        assertThat(get("by-user", Map.of("from", "2030-01-01")).get("rows")).isEmpty();
    }

    @Test
    void rejectsADateThatIsNotIsoWith422() throws IOException {
        Response response = request("summary", Map.of("from", "24/11/2026"));

        assertThat(response.getStatus()).isEqualTo(422);
        JsonNode error = Json.mapper().readTree(response.readEntity(String.class)).get("error");
        assertThat(error.get("type").asText()).isEqualTo("validation_error");
        assertThat(error.get("fields").get(0).get("field").asText()).isEqualTo("from");
        assertThat(error.get("fields").get(0).get("message").asText()).contains("24/11/2026");
    }

    @Test
    void rejectsAnImpossibleDateOnEveryEndpoint() {
        for (String endpoint : List.of("summary", "by-user", "by-service", "by-provider", "daily", "users/alice")) {
            assertThat(request(endpoint, Map.of("to", "2026-02-30")).getStatus()).as(endpoint).isEqualTo(422);
        }
    }

    @Test
    void rejectsADateOutsideFourDigitYearsWith422NotADatabaseError() {
        for (String date : List.of("+10000-01-01", "+999999999-12-31", "-999999999-01-01", "0000-01-01")) {
            for (String endpoint : List.of("summary", "daily", "users/alice")) {
                Response response = request(endpoint, Map.of("from", date));
                assertThat(response.getStatus()).as(endpoint + " from " + date).isEqualTo(422);
                assertThat(response.readEntity(String.class)).contains("\"field\":\"from\"");
            }
        }
    }

    @Test
    void rejectsANulInAFilterWith422NotADatabaseError() {
        for (String filter : List.of("user_id", "service", "provider")) {
            Response response = request("by-user", Map.of(filter, "a\u0000b"));
            assertThat(response.getStatus()).as(filter).isEqualTo(422);
            assertThat(response.readEntity(String.class)).contains("\"field\":\"" + filter + "\"");
        }
        Response pathUser = RESOURCES.target("/api/v1/usage/users/a%00b").request()
                .header(KeyFilters.SERVICE_KEY_HEADER, SERVICE_KEY).get();
        assertThat(pathUser.getStatus()).isEqualTo(422);
    }

    @Test
    void rejectsARangeThatEndsBeforeItStarts() throws IOException {
        Response response = request("daily", Map.of("from", "2026-11-25", "to", "2026-11-24"));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(Json.mapper().readTree(response.readEntity(String.class)).at("/error/fields/0/field").asText())
                .isEqualTo("to");
    }

    @Test
    void needsAKey() {
        Response response = RESOURCES.target("/api/v1/usage/summary").request().get();

        assertThat(response.getStatus()).isEqualTo(401);
    }

    @Test
    void acceptsTheAdminKeyAndABearerServiceKey() {
        assertThat(RESOURCES.target("/api/v1/usage/summary").request().header("X-Service-Key", "admin-key-1").get()
                .getStatus()).isEqualTo(200);
        assertThat(RESOURCES.target("/api/v1/usage/summary").request()
                .header("Authorization", "Bearer " + SERVICE_KEY).get().getStatus()).isEqualTo(200);
    }

    private static JsonNode get(String endpoint, Map<String, String> query) {
        try {
            return Json.mapper().readTree(getBody(endpoint, query));
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + endpoint, e);
        }
    }

    private static String getBody(String endpoint, Map<String, String> query) {
        Response response = request(endpoint, query);
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(200);
        return body;
    }

    private static Response request(String endpoint, Map<String, String> query) {
        WebTarget target = RESOURCES.target("/api/v1/usage/" + endpoint);
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target = target.queryParam(parameter.getKey(), parameter.getValue());
        }
        return target.request().header(KeyFilters.SERVICE_KEY_HEADER, SERVICE_KEY).get();
    }

    private static List<String> keys(JsonNode rows) {
        return java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(row -> row.get("key").asText())
                .toList();
    }
}
