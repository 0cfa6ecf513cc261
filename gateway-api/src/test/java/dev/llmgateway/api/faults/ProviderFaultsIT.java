package dev.llmgateway.api.faults;

import static dev.llmgateway.api.faults.FaultPlan.FALLBACK;
import static dev.llmgateway.api.faults.FaultPlan.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.ProviderRow;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.testkit.fakeprovider.Hang;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sustained stream of requests through the real path (API, Kafka, worker, HTTP) against two
 * flaky providers: 500s, hangs past the provider's timeout (before the headers or after them),
 * 429 with Retry-After, malformed bodies, answers counting -1 tokens, dropped connections and 400s that no retry mends, in a
 * seeded mix that gives each request its own fault plan.
 * Every request gets the outcome its plan documents (200 from the provider that recovered, 502
 * only when every candidate failed, 504 when the caller's deadline passed), each retry and
 * fallback happens exactly as planned, and usage is counted once per request.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProviderFaultsIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();
    private static final int REQUESTS = 200;
    private static final int CONCURRENCY = 16;
    private static final long SEED = 20261127L;
    /** Longer than any answer of the fakes on a loaded machine, so only a hang times out. */
    private static final int PROVIDER_TIMEOUT_MS = 5_000;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** For usage and late answers to arrive; seconds when all is well. */
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(60);

    private final String user = "faults-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyRequestGetsItsDocumentedOutcomeAndIsCountedOnce() throws Exception {
        Hang hang = Behavior.hang();
        Hang stall = Behavior.hangMidBody();
        FaultScript primary = new FaultScript(hang, stall);
        FaultScript fallback = new FaultScript(hang, stall);
        List<FaultPlan> plans = plans();
        plans.forEach(plan -> {
            primary.plan(plan.prompt(), plan.primary());
            fallback.plan(plan.prompt(), plan.fallback());
        });

        try (GatewayHarness gateway = GatewayHarness.start(POSTGRES, REDIS);
                FakeProvider fallbackVendor = FakeProvider.start(GatewayHarness.PROVIDER_KEY)) {
            gateway.startUsageStream();
            gateway.addProvider(gateway.fakeAnthropic(PRIMARY).withPriority(1)
                    .withMaxRetries(FaultPlan.PRIMARY_RETRIES).withTimeoutMs(PROVIDER_TIMEOUT_MS));
            gateway.addProvider(ProviderRow.openAi(FALLBACK, fallbackVendor.openAiBaseUrl(), GatewayHarness.PROVIDER_KEY)
                    .withPriority(2).withMaxRetries(FaultPlan.FALLBACK_RETRIES).withTimeoutMs(PROVIDER_TIMEOUT_MS));
            gateway.fake().setDefault(primary.behavior());
            fallbackVendor.setDefault(fallback.behavior());
            try {
                long started = System.nanoTime();
                List<ApiResponse> responses = sendAll(gateway.api(), plans);
                long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                List<String> wrong = wrongOutcomes(plans, responses);
                List<String> lateWrong = lateAnswersOfTimeouts(gateway.api(), plans, responses);
                boolean usageSettled = settles(() -> usageRecords() == REQUESTS && gateway.usageCaughtUp());

                Map<String, Long> plannedUsage = plans.stream()
                        .collect(Collectors.groupingBy(FaultPlan::usage, TreeMap::new, Collectors.counting()));
                Map<String, Long> countedUsage = new TreeMap<>();
                plannedUsage.keySet().forEach(key -> countedUsage.put(key, usageRecords(key)));
                long dailyRequests = POSTGRES.queryLong(
                        "SELECT COALESCE(sum(requests), 0)::bigint FROM usage_daily WHERE user_id = ?", user);
                long dailyFailed = POSTGRES.queryLong(
                        "SELECT COALESCE(sum(failed_requests), 0)::bigint FROM usage_daily WHERE user_id = ?", user);
                long allFailed = plans.stream().filter(p -> p.kind() == FaultPlan.Kind.ALL_FAILED).count();
                List<Duration> retryAfterWaits = new ArrayList<>(primary.waitsAfterRateLimits());
                retryAfterWaits.addAll(fallback.waitsAfterRateLimits());
                Duration shortestWait = retryAfterWaits.stream().min(Duration::compareTo).orElse(null);
                System.out.printf("%nProviderFaultsIT figures%n"
                                + "  sent: %d requests, %d at a time, to %s (%d retries) then %s (%d retries); seed %d%n"
                                + "  planned: %s%n"
                                + "  answered in %d ms, by status: %s; wrong outcomes: %d, wrong late answers: %d%n"
                                + "  %s calls: %d %s (unplanned %d, planned but not made %d)%n"
                                + "  %s calls: %d %s (unplanned %d, planned but not made %d)%n"
                                + "  retries after a 429 with Retry-After: 1: %d, the soonest %d ms after it%n"
                                + "  usage counted: usage_records %d rows %s, usage_daily %d requests (%d failed)%n",
                        REQUESTS, CONCURRENCY, PRIMARY, FaultPlan.PRIMARY_RETRIES, FALLBACK, FaultPlan.FALLBACK_RETRIES,
                        SEED, countBy(plans, FaultPlan::kind), answeredMs, countBy(responses, ApiResponse::status),
                        wrong.size(), lateWrong.size(),
                        PRIMARY, primary.calls(), primary.served(), primary.unplanned(), primary.untaken(),
                        FALLBACK, fallback.calls(), fallback.served(), fallback.unplanned(), fallback.untaken(),
                        retryAfterWaits.size(), shortestWait == null ? -1 : shortestWait.toMillis(),
                        usageRecords(), countedUsage, dailyRequests, dailyFailed);

                assertThat(wrong).as("requests whose answer is not the one their plan documents").isEmpty();
                assertThat(countBy(responses, ApiResponse::status).keySet()).as("statuses").isSubsetOf(200, 502, 504);
                assertThat(lateWrong).as("504s whose job did not answer later").isEmpty();
                assertThat(List.of(primary.unplanned(), primary.untaken(), fallback.unplanned(), fallback.untaken()))
                        .as("calls beyond the plans, and planned retries or fallbacks not made").containsOnly(0);
                assertThat(retryAfterWaits).as("waits before retrying a 429")
                        .isNotEmpty().allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMillis(950)));
                assertThat(gateway.fake().requestCount()).as("calls to " + PRIMARY).isEqualTo(primary.calls());
                assertThat(fallbackVendor.requestCount()).as("calls to " + FALLBACK).isEqualTo(fallback.calls());
                assertThat(usageSettled).as("usage_records reached one row per request, all committed").isTrue();
                assertThat(countedUsage).as("usage_records by provider/status").isEqualTo(plannedUsage);
                assertThat(dailyRequests).as("usage_daily requests").isEqualTo(REQUESTS);
                assertThat(dailyFailed).as("usage_daily failed requests").isEqualTo(allFailed);
            } finally {
                hang.release();
                stall.release();
            }
        }
    }

    private List<FaultPlan> plans() {
        Random random = new Random(SEED);
        List<FaultPlan> plans = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            plans.add(FaultPlan.draw(user + " request " + i, random));
        }
        return plans;
    }

    private List<ApiResponse> sendAll(ApiClient api, List<FaultPlan> plans) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (FaultPlan plan : plans) {
                answers.add(callers.submit(() -> post(api, plan)));
            }
            List<ApiResponse> responses = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                responses.add(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            callers.shutdownNow();
        }
    }

    /** The answer, or for none (a reset, no answer in 60 s) a status of -1 and the reason as its body. */
    private ApiResponse post(ApiClient api, FaultPlan plan) {
        try {
            return api.post("/api/v1/generate", Map.of("user_id", user, "service", "faults", "prompt", plan.prompt(),
                    "timeout_ms", plan.timeoutMs()));
        } catch (RuntimeException noAnswer) {
            return new ApiResponse(-1, null, "no answer: " + noAnswer, null);
        }
    }

    private static List<String> wrongOutcomes(List<FaultPlan> plans, List<ApiResponse> responses) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            FaultPlan plan = plans.get(i);
            ApiResponse response = responses.get(i);
            boolean documented = response.status() == plan.expectedStatus() && switch (response.status()) {
                case 200 -> response.json().path("provider").asText().equals(plan.answeringProvider())
                        && response.json().path("content").asText().equals("Echo: " + plan.prompt());
                case 502 -> "provider_error".equals(response.errorType())
                        && response.json().path("error").path("message").asText().contains(PRIMARY)
                        && response.json().path("error").path("message").asText().contains(FALLBACK);
                case 504 -> "timeout".equals(response.errorType())
                        && response.json().path("error").path("id").asText().startsWith("gen_");
                default -> false;
            };
            if (!documented) {
                wrong.add(plan + " -> " + response);
            }
        }
        return wrong;
    }

    /** A 504's job goes on: its answer can be looked up by the id the 504 gave. Lists those that differ. */
    private static List<String> lateAnswersOfTimeouts(ApiClient api, List<FaultPlan> plans, List<ApiResponse> responses) {
        Map<FaultPlan, String> timedOut = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            if (responses.get(i).status() == 504) {
                timedOut.put(plans.get(i), responses.get(i).json().path("error").path("id").asText());
            }
        }
        Map<FaultPlan, ApiResponse> jobs = new ConcurrentHashMap<>();
        settles(() -> {
            timedOut.forEach((plan, id) -> jobs.put(plan, api.get("/api/v1/jobs/" + id)));
            return jobs.values().stream().noneMatch(job -> job.status() == 200
                    && "queued".equals(job.json().path("status").asText()));
        });
        List<String> wrong = new ArrayList<>();
        jobs.forEach((plan, job) -> {
            if (job.status() != 200 || !"succeeded".equals(job.json().path("status").asText())
                    || !plan.answeringProvider().equals(job.json().path("result").path("provider").asText())) {
                wrong.add(plan + " -> " + job);
            }
        });
        return wrong;
    }

    /** Whether {@code condition} holds within the deadline; the test then reports what it found. */
    private static boolean settles(Callable<Boolean> condition) {
        try {
            await().atMost(SETTLE_DEADLINE).until(condition);
            return true;
        } catch (ConditionTimeoutException notSettled) {
            return false;
        }
    }

    private long usageRecords() {
        return POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user);
    }

    /** Rows of usage_records with {@code providerAndStatus}, e.g. {@code openai/failed}. */
    private long usageRecords(String providerAndStatus) {
        return POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ? AND provider || '/' || status = ?",
                user, providerAndStatus);
    }

    private static <T, K extends Comparable<K>> Map<K, Long> countBy(List<T> items, java.util.function.Function<T, K> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
