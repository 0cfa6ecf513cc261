package dev.llmgateway.api.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.LoadFigures;
import dev.llmgateway.api.support.SyncLoad;
import dev.llmgateway.api.support.SyncLoad.Outcome;
import dev.llmgateway.embedded.EmbeddedRedisServer;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Redis stopped for 30 seconds under sustained synchronous load with the cache and a provider rate
 * limit on: the gateway keeps answering from its local cache and local limits, says it is degraded,
 * and uses Redis again once it is back. The sustained version of CacheAndRateLimitIT's short test.
 */
class RedisOutageIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final int CALLERS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final String LIMIT_KEY = "llmgw:rl:v1:provider:claude";

    @Test
    void servesWithout5xxForThirtySecondsWithoutRedisAndUsesItAgainOnceItIsBack() throws Exception {
        try (EmbeddedRedisServer redis = RedisFixture.privateServer();
                GatewayHarness gateway = GatewayHarness.start(GatewayHarness.shared(POSTGRES, REDIS)
                        .withRedis("redis://127.0.0.1:" + redis.port() + "/0"))) {
            gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(1_000_000));
            ApiClient api = gateway.api();
            // One request in four is new (a miss: a provider call and a cache write), the rest repeat.
            try (SyncLoad load = SyncLoad.start(api, "/api/v1/generate", CALLERS, n -> Map.of("user_id", "load",
                    "service", "redis-outage", "prompt", n % 4 == 0 ? "new prompt " + n : "repeated prompt " + n % 20))) {
                long warmUp = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.countSince(warmUp, 200) >= 40);
                assertThat(keys(redis, "llmgw:cache:*")).as("L2 writes before the outage").isNotEmpty();

                redis.stop();
                long stopped = System.nanoTime();
                List<String> readiness = new ArrayList<>();
                await().atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    readiness.add(redisReadiness(api));
                    return System.nanoTime() - stopped >= OUTAGE.toNanos();
                });
                redis.start();
                long restarted = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> redisReadiness(api).equals("200 ok ok"));
                long readyAgain = System.nanoTime();
                // Redis came back empty: these keys are written after the outage.
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(keys(redis, "llmgw:cache:*")).as("L2 cache writes").isNotEmpty();
                    assertThat(keys(redis, LIMIT_KEY)).as("the shared limiter's state").isNotEmpty();
                });
                long recovered = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.countSince(recovered, 200) >= 40);
                load.close();

                List<Outcome> all = load.outcomes();
                LoadFigures.of("before the outage", all.stream().filter(o -> o.answeredBefore(stopped)).toList()).print();
                LoadFigures outage = LoadFigures.of("Redis down for " + OUTAGE.toSeconds() + " s", all.stream()
                        .filter(o -> o.sentAfter(stopped) && o.answeredBefore(restarted)).toList()).print();
                LoadFigures.of("after the restart", all.stream().filter(o -> o.sentAfter(restarted)).toList()).print();
                LoadFigures whole = LoadFigures.of("whole run", all).print();
                System.out.printf("[redis outage] readiness during the outage: %s; ready again %d ms after the restart%n",
                        readiness, (readyAgain - restarted) / 1_000_000);

                assertThat(whole.count(kind -> kind.startsWith("5") || kind.startsWith("0"))).as("5xx or no answer")
                        .isZero();
                assertThat(whole.answered()).isEqualTo(whole.sent());
                assertThat(outage.sent()).as("requests during the outage").isGreaterThanOrEqualTo(CALLERS * 10);
                assertThat(readiness).hasSizeGreaterThanOrEqualTo(10).containsOnly("200 degraded down");
            }
        }
    }

    /** Readiness status, overall status and the Redis check's, e.g. {@code 200 degraded down}. */
    private static String redisReadiness(ApiClient api) {
        ApiResponse ready = api.get("/api/v1/health/ready");
        return ready.status() + " " + ready.json().path("status").asText() + " "
                + ready.json().path("checks").path("redis").path("status").asText();
    }

    private static Set<String> keys(EmbeddedRedisServer redis, String pattern) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.keys(pattern);
        }
    }
}
