package dev.llmgateway.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.embedded.EmbeddedRedisServer;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The response cache (L1 Caffeine, L2 Redis) and the shared per-provider rate limits, end to end. */
class CacheAndRateLimitIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
        gateway.startApi("second-" + System.nanoTime());
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void freshState() {
        gateway.refreshCatalogs();
        gateway.clearLocalCaches();
        gateway.fake().reset();
    }

    private static Map<String, Object> body(String prompt) {
        return Map.of("user_id", "test", "service", "test", "prompt", prompt);
    }

    @Test
    void answersTheSecondIdenticalRequestFromTheCache() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse first = gateway.api().post("/api/v1/generate", body("Same prompt"));
        ApiResponse second = gateway.api().post("/api/v1/generate", body("Same prompt"));

        assertThat(first.json().path("cached").asBoolean()).isFalse();
        assertThat(second.json().path("cached").asBoolean()).isTrue();
        assertThat(second.json().path("content").asText()).isEqualTo(first.json().path("content").asText());
        assertThat(second.json().path("id").asText()).isNotEqualTo(first.json().path("id").asText());
        assertThat(second.json().path("cost_usd").decimalValue()).isZero();
        assertThat(second.json().path("usage")).isEqualTo(first.json().path("usage"));
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    @Test
    void skipsTheCacheWhenTheRequestSaysSo() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        Map<String, Object> uncached = Map.of("user_id", "u", "service", "s", "prompt", "fresh please", "cache", false);

        gateway.api().post("/api/v1/generate", uncached);
        ApiResponse again = gateway.api().post("/api/v1/generate", uncached);
        ApiResponse cacheable = gateway.api().post("/api/v1/generate", body("fresh please"));

        assertThat(again.json().path("cached").asBoolean()).isFalse();
        assertThat(cacheable.json().path("cached").asBoolean()).isFalse();
        assertThat(gateway.fake().requestCount()).isEqualTo(3);
    }

    @Test
    void anotherInstanceFindsTheAnswerInRedis() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        gateway.api(0).post("/api/v1/generate", body("shared prompt"));
        ApiResponse fromOtherInstance = gateway.api(1).post("/api/v1/generate", body("shared prompt"));

        assertThat(fromOtherInstance.json().path("cached").asBoolean()).isTrue();
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
        assertThat(REDIS.keys("llmgw:cache:v1:*")).hasSize(1);
    }

    @Test
    void coalescesConcurrentIdenticalMissesIntoOneProviderCall() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        gateway.fake().setDefault(Behavior.latency(Duration.ofMillis(500)));

        List<CompletableFuture<ApiResponse>> calls = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> gateway.api().post("/api/v1/generate", body("popular"))))
                .toList();

        List<ApiResponse> responses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses.stream().filter(r -> !r.json().path("cached").asBoolean())).hasSize(1);
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    @Test
    void countsEveryCallerOfAFailedCoalescedMissAsAFailedRequest() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(0));
        gateway.fake().setDefault(Behavior.status(500).withLatency(Duration.ofSeconds(5)));
        String user = "coalesced-" + System.nanoTime();
        Map<String, Object> body = Map.of("user_id", user, "service", "test", "prompt", "doomed");

        CompletableFuture<ApiResponse> leader = CompletableFuture.supplyAsync(() -> gateway.api().post("/api/v1/generate", body));
        gateway.fake().awaitRequests(1, Duration.ofSeconds(20));
        List<CompletableFuture<ApiResponse>> followers = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> gateway.api().post("/api/v1/generate", body)))
                .toList();

        assertThat(leader.join().status()).isEqualTo(502);
        assertThat(followers).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(502));
        assertThat(gateway.fake().requestCount()).as("one provider call for all five").isEqualTo(1);
        List<UsageEvent> events = gateway.kafka().readUntil(Topics.USAGE.name(), new StringDeserializer(),
                        Topics.USAGE.valueSerde().deserializer(),
                        records -> records.stream().filter(r -> r.value().userId().equals(user)).count() >= 5,
                        Duration.ofSeconds(20))
                .stream().map(ConsumerRecord::value).filter(e -> e.userId().equals(user)).toList();
        assertThat(events).hasSize(5).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(GenerationStatus.FAILED);
            assertThat(e.provider()).isEqualTo("claude");
            assertThat(e.costUsd()).isZero();
        });
        assertThat(events.stream().map(UsageEvent::requestId).distinct()).hasSize(5);
    }

    @Test
    void countsCacheHitsAsCachedUsage() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        gateway.api().post("/api/v1/generate", body("count me"));

        String hitId = gateway.api().post("/api/v1/generate", body("count me")).json().path("id").asText();

        UsageEvent event = gateway.kafka().readUntil(Topics.USAGE.name(), new StringDeserializer(),
                        Topics.USAGE.valueSerde().deserializer(),
                        records -> records.stream().anyMatch(r -> r.key().equals(hitId)), Duration.ofSeconds(10))
                .stream().filter(r -> r.key().equals(hitId)).findFirst().orElseThrow().value();
        assertThat(event.cached()).isTrue();
        assertThat(event.costUsd()).isZero();
        assertThat(event.userId()).isEqualTo("test");
    }

    @Test
    void refusesTheThirdRequestToAProviderLimitedToTwoPerMinute() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(2));

        ApiResponse first = gateway.api().post("/api/v1/generate", body("Test"));
        ApiResponse second = gateway.api().post("/api/v1/generate", body("Test"));
        ApiResponse third = gateway.api().post("/api/v1/generate", body("Test"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.errorType()).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(third.header("Retry-After"));
        assertThat(retryAfter).isBetween(29L, 30L);
        assertThat(third.json().path("error").path("message").asText()).contains("claude", "2 requests per minute");
    }

    @Test
    void twoInstancesShareOneProviderBudget() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(3));

        List<Integer> statuses = IntStream.range(0, 4)
                .mapToObj(i -> gateway.api(i % 2).post("/api/v1/generate", body("budget " + i)).status())
                .toList();

        assertThat(statuses).containsExactly(200, 200, 200, 429);
    }

    @Test
    void keepsServingWithoutRedisAndRecoversWhenItReturns() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withRateLimitRpm(1000));
        try (EmbeddedRedisServer privateRedis = RedisFixture.privateServer()) {
            gateway.startApiWithRedis("redis-outage-" + System.nanoTime(), "redis://127.0.0.1:" + privateRedis.port() + "/0");
            ApiClient api = gateway.api(gateway.apiCount() - 1);
            gateway.refreshCatalogs();
            assertThat(api.post("/api/v1/generate", body("before outage")).status()).isEqualTo(200);

            privateRedis.stop();
            List<ApiResponse> during = IntStream.range(0, 5)
                    .mapToObj(i -> api.post("/api/v1/generate", body("during outage " + (i % 2)))).toList();
            ApiResponse readiness = api.get("/api/v1/health/ready");

            assertThat(during).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(during.get(2).json().path("cached").asBoolean()).as("L1 keeps serving").isTrue();
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().path("status").asText()).isEqualTo("degraded");
            assertThat(readiness.json().path("checks").path("redis").path("status").asText()).isEqualTo("down");

            privateRedis.start();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode ready = api.get("/api/v1/health/ready").json();
                assertThat(ready.path("status").asText()).isEqualTo("ok");
            });
            gateway.clearLocalCaches();
            api.post("/api/v1/generate", body("after outage"));
            assertThat(api.post("/api/v1/generate", body("after outage")).json().path("cached").asBoolean()).isTrue();
        } finally {
            gateway.stopApi(gateway.apiCount() - 1);
        }
    }
}
