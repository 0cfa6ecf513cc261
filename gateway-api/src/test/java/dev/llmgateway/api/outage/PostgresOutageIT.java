package dev.llmgateway.api.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.Infrastructure;
import dev.llmgateway.api.support.LoadFigures;
import dev.llmgateway.api.support.SyncLoad;
import dev.llmgateway.core.crypto.KeyHint;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.db.SchemaMigrator;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.embedded.EmbeddedPostgresServer;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.RedisFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Postgres stopped while an admin changes providers (with master-key-sealed API keys) and customer
 * overrides: while it is down every change is refused with a 503 in the API's error shape, what
 * needs no database (routing on the cached catalog, generation) keeps working, and after the
 * restart every change is in the database either whole or not at all, as the API said.
 */
class PostgresOutageIT {
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final String SCHEMA = "llm_gateway";
    private static final int CYCLES_BEFORE = 3;
    private static final int CYCLES_DOWN = 5;
    private static final int CYCLES_AFTER = 4;
    /** One cycle runs as Postgres is stopped. */
    private static final int CYCLES = CYCLES_BEFORE + 1 + CYCLES_DOWN + CYCLES_AFTER;
    private static final SecretBox SECRETS = SecretBox.fromBase64(GatewayHarness.MASTER_KEY);

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgresServer postgres;
    private PGSimpleDataSource dataSource;
    private GatewayHarness gateway;
    /** Override ids by user, for the overrides the cycles replace and delete. */
    private final Map<String, Long> overrideIds = new HashMap<>();

    /** One admin request and its answer. */
    record Change(int cycle, String kind, String target, Map<String, Object> body, int status, String errorType,
            String retryAfter, String answer, long latencyMs) {
    }

    @Test
    void refuses503WhileDownKeepsServingAndLeavesEveryChangeWholeOrUndone() throws Exception {
        postgres = EmbeddedPostgresServer.start(dataDirectory);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl("postgres") + "?currentSchema=" + SCHEMA);
        dataSource.setUser(postgres.user());
        SchemaMigrator.migrate(dataSource, SCHEMA);
        try (GatewayHarness started = GatewayHarness.start(new Infrastructure(KafkaBroker.shared().bootstrapServers(),
                dataSource.getURL(), dataSource, REDIS.uri()))) {
            gateway = started;
            ApiClient admin = gateway.admin();
            ApiClient api = gateway.api();
            assertThat(admin.post("/api/v1/providers", providerBody("alpha", GatewayHarness.PROVIDER_KEY, List.of("m-alpha"), 1,
                    true)).status()).isEqualTo(201);
            for (int i = 0; i < CYCLES; i++) {
                assertThat(admin.post("/api/v1/providers", providerBody("put-" + i, "sk-original-key-" + i,
                        List.of("m-old"), 60, false)).status()).isEqualTo(201);
                assertThat(admin.post("/api/v1/providers", providerBody("del-" + i, "sk-doomed-key-" + i,
                        List.of("m-old"), 61, false)).status()).isEqualTo(201);
                for (String user : List.of("oput-" + i, "odel-" + i)) {
                    ApiResponse created = admin.post("/api/v1/overrides", overrideBody(user, null, "m-alpha"));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    overrideIds.put(user, created.json().path("id").asLong());
                }
            }
            Map<String, String> providersBefore = providerStates();
            Map<String, String> overridesBefore = overrideStates();

            List<Change> changes = Collections.synchronizedList(new ArrayList<>());
            Semaphore permits = new Semaphore(0);
            AtomicInteger cyclesDone = new AtomicInteger();
            Thread changer = new Thread(() -> {
                for (int i = 0; i < CYCLES; i++) {
                    permits.acquireUninterruptibly();
                    changes.addAll(cycle(admin, i));
                    cyclesDone.incrementAndGet();
                }
            }, "admin-changes");
            changer.setDaemon(true);
            changer.start();

            try (SyncLoad load = SyncLoad.start(api, "/api/v1/generate", 2, n -> Map.of("user_id", "load",
                    "service", "postgres-outage", "prompt", "request " + n, "cache", false))) {
                permits.release(CYCLES_BEFORE);
                await().atMost(Duration.ofSeconds(60)).until(() -> cyclesDone.get() == CYCLES_BEFORE);

                // The next change waits inside Postgres, in its transaction, when the server stops.
                Connection locker = dataSource.getConnection();
                locker.setAutoCommit(false);
                try (Statement lock = locker.createStatement()) {
                    lock.execute("LOCK TABLE provider_configs, customer_overrides IN EXCLUSIVE MODE");
                }
                permits.release(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> writesWaitingOnALock() > 0);
                postgres.stop();
                long stopped = System.nanoTime();
                closeQuietly(locker);
                await().atMost(Duration.ofSeconds(30)).until(() -> postgresReadiness(api).equals("503 down"));
                await().atMost(Duration.ofSeconds(60)).until(() -> cyclesDone.get() == CYCLES_BEFORE + 1);
                permits.release(CYCLES_DOWN);
                await().atMost(Duration.ofSeconds(120)).until(() -> cyclesDone.get() == CYCLES_BEFORE + 1 + CYCLES_DOWN);
                ApiResponse models = api.get("/v1/models");
                ApiResponse providerList = admin.get("/api/v1/providers");
                ApiResponse routedByOverride = api.post("/api/v1/generate", Map.of("user_id", "oput-" + (CYCLES - 1),
                        "service", "postgres-outage", "prompt", "routed by a cached override", "cache", false));
                long generatedWhileDown = load.countSince(stopped, 200);
                Map<String, ApiResponse> storedElsewhere = new LinkedHashMap<>();
                storedElsewhere.put("POST /api/v1/jobs", api.post("/api/v1/jobs", Map.of("user_id", "u", "service", "s",
                        "prompt", "a job while Postgres is down")));
                storedElsewhere.put("GET /api/v1/jobs/{id}", api.get("/api/v1/jobs/gen_0123456789abcdef0123456789abcdef"));
                storedElsewhere.put("GET /api/v1/usage/summary", api.get("/api/v1/usage/summary"));
                storedElsewhere.put("GET /api/v1/overrides", admin.get("/api/v1/overrides"));

                postgres.start();
                long restarted = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> postgresReadiness(api).equals("200 ok"));
                long readyAgain = System.nanoTime();
                permits.release(CYCLES_AFTER);
                await().atMost(Duration.ofSeconds(120)).until(() -> cyclesDone.get() == CYCLES);
                load.close();

                List<Change> before = changes.stream().filter(c -> c.cycle() < CYCLES_BEFORE).toList();
                List<Change> straddling = changes.stream().filter(c -> c.cycle() == CYCLES_BEFORE).toList();
                List<Change> down = changes.stream()
                        .filter(c -> c.cycle() > CYCLES_BEFORE && c.cycle() <= CYCLES_BEFORE + CYCLES_DOWN).toList();
                List<Change> after = changes.stream().filter(c -> c.cycle() > CYCLES_BEFORE + CYCLES_DOWN).toList();
                print("before the outage", before);
                print("in flight as Postgres stopped", straddling);
                print("Postgres down", down);
                print("after the restart", after);
                LoadFigures generation = LoadFigures.of("/generate during the whole run", load.outcomes()).print();
                storedElsewhere.forEach((request, response) -> System.out.printf("[postgres down] %s: %s%n", request,
                        response));
                System.out.printf("[postgres outage] /generate answered 200 %d times while Postgres was down; "
                        + "ready again %d ms after the restart%n", generatedWhileDown, (readyAgain - restarted) / 1_000_000);

                assertThat(before).allSatisfy(c -> assertThat(c.status()).as("%s", c).isBetween(200, 299));
                assertThat(straddling).allSatisfy(c -> assertThat(c.status()).as("%s", c).isIn(200, 201, 204, 503));
                assertThat(straddling.get(0).status()).as("the write in flight: %s", straddling.get(0)).isEqualTo(503);
                assertThat(down).hasSize(CYCLES_DOWN * 6).allSatisfy(c -> {
                    assertThat(c.status()).as("%s", c).isEqualTo(503);
                    assertThat(c.errorType()).as("%s", c).isEqualTo("unavailable");
                    assertThat(c.retryAfter()).as("%s", c).isNotNull();
                    assertThat(c.answer()).as("%s", c).doesNotContainIgnoringCase("sql").doesNotContain("Exception");
                    assertThat(c.latencyMs()).as("%s", c).isLessThan(10_000);
                });
                assertThat(after).allSatisfy(c -> assertThat(c.status()).as("%s", c).isBetween(200, 299));
                assertThat(providerList.status()).as(providerList.body()).isEqualTo(503);
                assertThat(providerList.errorType()).isEqualTo("unavailable");
                assertThat(storedElsewhere).allSatisfy((request, response) -> {
                    assertThat(response.status()).as("%s: %s", request, response).isEqualTo(503);
                    assertThat(response.errorType()).as("%s: %s", request, response).isEqualTo("unavailable");
                });
                assertThat(models.status()).as(models.body()).isEqualTo(200);
                assertThat(routedByOverride.status()).as(routedByOverride.body()).isEqualTo(200);
                assertThat(generatedWhileDown).isPositive();
                assertThat(generation.answered()).as("every /generate answered 200").isEqualTo(generation.sent());

                assertEveryChangeWholeOrUndone(changes, providersBefore, overridesBefore);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** One change of each kind, each on a row no other change touches. */
    private List<Change> cycle(ApiClient admin, int i) {
        Map<String, Object> newProvider = providerBody("new-" + i, "sk-created-key-" + i, List.of("m-new"), 62, false);
        Map<String, Object> replacement = providerBody("put-" + i, "sk-replaced-key-" + i, List.of("m-a", "m-b"), 63,
                false);
        Map<String, Object> newOverride = overrideBody("onew-" + i, "svc", "m-alpha");
        Map<String, Object> replacedOverride = overrideBody("oput-" + i, "svc-" + i, "m-alpha");
        return List.of(
                send(admin, i, "POST provider", "new-" + i, "POST", "/api/v1/providers", newProvider),
                send(admin, i, "PUT provider", "put-" + i, "PUT", "/api/v1/providers/put-" + i, replacement),
                send(admin, i, "DELETE provider", "del-" + i, "DELETE", "/api/v1/providers/del-" + i, null),
                send(admin, i, "POST override", "onew-" + i, "POST", "/api/v1/overrides", newOverride),
                send(admin, i, "PUT override", "oput-" + i, "PUT", "/api/v1/overrides/" + overrideIds.get("oput-" + i),
                        replacedOverride),
                send(admin, i, "DELETE override", "odel-" + i, "DELETE",
                        "/api/v1/overrides/" + overrideIds.get("odel-" + i), null));
    }

    private static Change send(ApiClient admin, int cycle, String kind, String target, String method, String path,
            Map<String, Object> body) {
        long start = System.nanoTime();
        ApiResponse response = admin.send(path, method, body == null ? null : Json.write(body),
                Map.of("Authorization", "Bearer " + GatewayHarness.ADMIN_KEY));
        return new Change(cycle, kind, target, body, response.status(), response.errorType(),
                response.header("Retry-After"), response.body(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Each row a change touched is now either as the change made it or as it was before, and as
     * the change made it whenever the API said it succeeded: never a mix (a key without its hint,
     * a replaced key with the old models).
     */
    private void assertEveryChangeWholeOrUndone(List<Change> changes, Map<String, String> providersBefore,
            Map<String, String> overridesBefore) throws SQLException {
        Map<String, String> providersNow = providerStates();
        Map<String, String> overridesNow = overrideStates();
        Map<String, Long> outcomes = new TreeMap<>();
        for (Change change : changes) {
            Optional<String> before;
            Optional<String> made;
            String now;
            switch (change.kind()) {
                case "POST provider", "PUT provider" -> {
                    before = Optional.ofNullable(providersBefore.get(change.target()));
                    made = Optional.of(expectedProvider(change.body()));
                    now = providersNow.get(change.target());
                }
                case "DELETE provider" -> {
                    before = Optional.ofNullable(providersBefore.get(change.target()));
                    made = Optional.empty();
                    now = providersNow.get(change.target());
                }
                case "POST override", "PUT override" -> {
                    before = Optional.ofNullable(overridesBefore.get(change.target()));
                    made = Optional.of(expectedOverride(change.body()));
                    now = overridesNow.get(change.target());
                }
                default -> {
                    before = Optional.ofNullable(overridesBefore.get(change.target()));
                    made = Optional.empty();
                    now = overridesNow.get(change.target());
                }
            }
            boolean applied = made.equals(Optional.ofNullable(now));
            boolean untouched = before.equals(Optional.ofNullable(now));
            outcomes.merge(change.status() + (applied ? " applied" : untouched ? " not applied" : " HALF-WRITTEN"), 1L,
                    Long::sum);
            assertThat(applied || untouched).as("%s is neither whole nor undone: %s", change, now).isTrue();
            if (change.status() < 300) {
                assertThat(applied).as("%s answered %d but is not in the database: %s", change.kind(), change.status(),
                        now).isTrue();
            } else {
                assertThat(change.status()).as("%s", change).isEqualTo(503);
            }
        }
        System.out.println("[postgres outage] what the API said and what the database has: " + outcomes);
    }

    /** Providers by name, as the fields a change sets (the sealed key opened) joined in one string. */
    private Map<String, String> providerStates() throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        query("SELECT name, type, base_url, models::text, default_model, is_enabled, priority, api_key_encrypted, "
                + "api_key_hint FROM provider_configs", row -> states.put(row.getString(1), String.join("|",
                        row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        Boolean.toString(row.getBoolean(6)), Integer.toString(row.getInt(7)),
                        row.getString(8) == null ? "no key" : SECRETS.decrypt(row.getString(8)),
                        String.valueOf(row.getString(9)))));
        return states;
    }

    private static String expectedProvider(Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<String> models = (List<String>) body.get("models");
        String key = (String) body.get("api_key");
        return String.join("|", (String) body.get("type"), (String) body.get("base_url"), "{" + String.join(",", models)
                + "}", (String) body.get("default_model"), body.get("is_enabled").toString(), body.get("priority").toString(),
                key, String.valueOf(KeyHint.lastFour(key)));
    }

    /** Overrides by user. */
    private Map<String, String> overrideStates() throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        query("SELECT user_id, service_name, provider_name, model_name FROM customer_overrides",
                row -> states.put(row.getString(1), row.getString(2) + "|" + row.getString(3) + "|" + row.getString(4)));
        return states;
    }

    private static String expectedOverride(Map<String, Object> body) {
        return body.get("service_name") + "|" + body.get("provider_name") + "|" + body.get("model_name");
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    private Map<String, Object> providerBody(String name, String apiKey, List<String> models, int priority,
            boolean enabled) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "anthropic");
        body.put("base_url", gateway.fake().baseUrl());
        body.put("api_key", apiKey);
        body.put("models", models);
        body.put("default_model", models.get(0));
        body.put("is_enabled", enabled);
        body.put("priority", priority);
        return body;
    }

    private static Map<String, Object> overrideBody(String user, String service, String model) {
        Map<String, Object> body = new HashMap<>();
        body.put("user_id", user);
        body.put("service_name", service);
        body.put("provider_name", "alpha");
        body.put("model_name", model);
        return body;
    }

    /** Statements of the gateway's connections waiting for a lock, as Postgres sees them. */
    private int writesWaitingOnALock() throws SQLException {
        int[] waiting = new int[1];
        query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                row -> waiting[0] = row.getInt(1));
        return waiting[0];
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException terminatedByTheStop) {
            // the server ended the session
        }
    }

    private static void print(String phase, List<Change> changes) {
        Map<String, Long> statuses = new TreeMap<>();
        changes.forEach(c -> statuses.merge(c.status() + (c.errorType() == null ? "" : " " + c.errorType()), 1L,
                Long::sum));
        long maxLatency = changes.stream().mapToLong(Change::latencyMs).max().orElse(0);
        System.out.printf("[%s] admin changes sent %d, statuses %s, max latency %d ms%n", phase, changes.size(),
                statuses, maxLatency);
    }

    /** The readiness status and the Postgres check's, e.g. {@code 503 down}. */
    private static String postgresReadiness(ApiClient api) {
        ApiResponse ready = api.get("/api/v1/health/ready");
        return ready.status() + " " + ready.json().path("checks").path("postgres").path("status").asText();
    }
}
