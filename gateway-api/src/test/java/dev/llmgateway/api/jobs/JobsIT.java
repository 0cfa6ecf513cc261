package dev.llmgateway.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.LogCapture;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.Hang;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST/GET /api/v1/jobs}, and the later answer of a /generate request that timed out. */
class JobsIT {
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(30);

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
    void freshState() {
        gateway.refreshCatalogs();
        gateway.clearLocalCaches();
        gateway.fake().reset();
    }

    private static Map<String, Object> body(String prompt) {
        return Map.of("user_id", "u1", "service", "nightly", "prompt", prompt);
    }

    private static JsonNode awaitFinished(ApiClient api, String id) {
        return await().atMost(ANSWER_DEADLINE).until(() -> api.get("/api/v1/jobs/" + id).json(),
                job -> !"queued".equals(job.path("status").asText()));
    }

    @Test
    void acceptsAJobWith202ThenAnswersItWithTheGenerateShape() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse accepted = gateway.api().post("/api/v1/jobs", body("Hello world"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asText();
        assertThat(id).startsWith("gen_");
        assertThat(accepted.json().path("status").asText()).isEqualTo("queued");
        assertThat(accepted.header("Location")).endsWith("/api/v1/jobs/" + id);
        JsonNode job = awaitFinished(gateway.api(), id);
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("id").asText()).isEqualTo(id);
        JsonNode result = job.path("result");
        assertThat(result.path("id").asText()).isEqualTo(id);
        assertThat(result.path("content").asText()).isEqualTo("Echo: Hello world");
        assertThat(result.path("provider").asText()).isEqualTo("claude");
        assertThat(result.path("usage").path("output_tokens").asLong()).isEqualTo(3);
        assertThat(job.has("error")).isFalse();
    }

    @Test
    void aFailedJobCarriesTheErrorAndNoResult() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(0));
        gateway.fake().setDefault(Behavior.status(500));

        String id = gateway.api().post("/api/v1/jobs", body("p")).json().path("id").asText();

        JsonNode job = awaitFinished(gateway.api(), id);
        assertThat(job.path("status").asText()).isEqualTo("failed");
        assertThat(job.path("error").path("type").asText()).isEqualTo("provider_error");
        assertThat(job.path("error").path("message").asText()).contains("HTTP 500");
        assertThat(job.has("result")).isFalse();
    }

    @Test
    void chunksOfAStreamedJobOnTheResultsTopicAreNotTakenForResults() throws Exception {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        Hang provider = Behavior.hang();
        gateway.fake().enqueue(provider);
        String id = gateway.api().post("/api/v1/jobs", body("Hello world")).json().path("id").asText();
        gateway.fake().awaitRequests(1, ANSWER_DEADLINE);

        try (LogCapture logs = LogCapture.start()) {
            // what a worker sends ahead of a streamed job's result, keyed like it: read before the result
            ProducerRecord<byte[], byte[]> chunk = Topics.CHUNKS.record(id, new GenerationChunk(id, 0, "Ec", "claude",
                    "claude-sonnet-4-5-20250929"));
            GatewayHeaders.put(chunk.headers(), GatewayHeaders.MESSAGE_TYPE, GatewayHeaders.CHUNK);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(gateway.kafka().producerProps(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(chunk).get();
            }
            provider.release();

            JsonNode job = awaitFinished(gateway.api(), id);
            assertThat(job.path("status").asText()).isEqualTo("succeeded");
            assertThat(job.path("result").path("content").asText()).isEqualTo("Echo: Hello world");
            assertThat(logs.lines()).noneMatch(line -> line.contains("Unreadable result"));
        }
    }

    @Test
    void validatesLikeGenerate() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/jobs", Map.of("service", "s", "max_tokens", 0));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field"))
                .contains("user_id", "prompt", "max_tokens");
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM jobs")).isZero();
    }

    @Test
    void rejectsANulCharacterInTheTextWith422NotA503() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));

        ApiResponse response = gateway.api().post("/api/v1/jobs", Map.of("user_id", "u1", "service", "nightly",
                "messages", List.of(Map.of("role", "user", "content", "a\u0000b")), "system", "\u0000",
                "metadata", Map.of("row", "1\u00002")));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().path("error").path("fields").findValuesAsText("field"))
                .containsExactlyInAnyOrder("messages[0].content", "system", "metadata");
        assertThat(response.body()).contains("must not contain NUL characters");
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM jobs")).isZero();
    }

    @Test
    void answers404ForAnUnknownJob() {
        ApiResponse response = gateway.api().get("/api/v1/jobs/gen_00000000000000000000000000000000");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorType()).isEqualTo("not_found");
    }

    @Test
    void requiresAServiceKey() {
        ApiResponse response = gateway.api().send("/api/v1/jobs/gen_x", "GET", null, Map.of());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theAnswerIsRecordedEvenWhenTheInstanceThatTookTheJobHasStopped() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withTimeoutMs(60_000));
        Hang hang = Behavior.hang();
        gateway.fake().setDefault(hang);
        gateway.startApi("leaving-" + System.nanoTime());
        int leaving = gateway.apiCount() - 1;
        gateway.refreshCatalogs();

        ApiResponse accepted = gateway.api(leaving).post("/api/v1/jobs", body("survive"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asText();
        gateway.fake().awaitRequests(1, Duration.ofSeconds(10));
        gateway.stopApi(leaving);
        hang.release();

        JsonNode job = awaitFinished(gateway.api(0), id);
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("result").path("content").asText()).isEqualTo("Echo: survive");
    }

    @Test
    void theIdOfA504CanBeLookedUpAndGetsTheAnswerLater() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withTimeoutMs(60_000));
        Hang hang = Behavior.hang();
        gateway.fake().setDefault(hang);

        ApiResponse timedOut = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "u", "service", "s", "prompt", "slow one", "timeout_ms", 300));

        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
        String id = timedOut.json().path("error").path("id").asText();
        assertThat(timedOut.json().path("error").path("message").asText()).contains("/api/v1/jobs/" + id);
        ApiResponse meanwhile = gateway.api().get("/api/v1/jobs/" + id);
        assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(200);
        assertThat(meanwhile.json().path("status").asText()).isEqualTo("queued");
        hang.release();
        JsonNode job = awaitFinished(gateway.api(), id);
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("result").path("content").asText()).isEqualTo("Echo: slow one");
    }

    @Test
    void aWaitingDuplicateThatTimesOutGetsTheIdOfTheRequestItWaitsFor() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withTimeoutMs(60_000));
        Hang hang = Behavior.hang();
        gateway.fake().setDefault(hang);
        CompletableFuture<ApiResponse> first = CompletableFuture.supplyAsync(() -> gateway.api().post(
                "/api/v1/generate", Map.of("user_id", "u", "service", "s", "prompt", "same", "timeout_ms", 30_000)));
        gateway.fake().awaitRequests(1, Duration.ofSeconds(10));

        ApiResponse duplicate = gateway.api().post("/api/v1/generate",
                Map.of("user_id", "u", "service", "s", "prompt", "same", "timeout_ms", 300));
        hang.release();

        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(504);
        ApiResponse answered = first.join();
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        String id = duplicate.json().path("error").path("id").asText();
        assertThat(id).isEqualTo(answered.json().path("id").asText());
        JsonNode job = awaitFinished(gateway.api(), id);
        assertThat(job.path("result").path("content").asText()).isEqualTo("Echo: same");
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    @Test
    void aJobsAnswerFillsTheCacheAndAnIdenticalJobIsAnsweredAtOnce() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        String first = gateway.api().post("/api/v1/jobs", body("cache me")).json().path("id").asText();
        awaitFinished(gateway.api(), first);

        ApiResponse second = gateway.api().post("/api/v1/jobs", body("cache me"));

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("status").asText()).isEqualTo("succeeded");
        JsonNode job = gateway.api().get("/api/v1/jobs/" + second.json().path("id").asText()).json();
        assertThat(job.path("result").path("cached").asBoolean()).isTrue();
        assertThat(job.path("result").path("content").asText()).isEqualTo("Echo: cache me");
        assertThat(gateway.fake().requestCount()).isEqualTo(1);
    }

    @Test
    void aJobIsNotRefusedWhenItsProvidersRateLimitIsReached() {
        // A provider of this test only: the paced job must not reach the next test's providers.
        gateway.addProvider(gateway.fakeAnthropic("limited").withRateLimitRpm(1));
        assertThat(gateway.api().post("/api/v1/generate", body("one")).status()).isEqualTo(200);
        assertThat(gateway.api().post("/api/v1/generate", body("two")).status()).isEqualTo(429);

        ApiResponse job = gateway.api().post("/api/v1/jobs", body("three"));

        assertThat(job.status()).as(job.body()).isEqualTo(202);
        assertThat(job.json().path("status").asText()).isEqualTo("queued");
    }

    @Test
    void jobsOlderThanTheRetentionArePurged() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        String old = gateway.api().post("/api/v1/jobs", body("old")).json().path("id").asText();
        String recent = gateway.api().post("/api/v1/jobs", body("recent")).json().path("id").asText();
        POSTGRES.execute("UPDATE jobs SET created_at = now() - interval '8 days' WHERE id = ?", old);

        int purged = gateway.application(0).components().jobPurger().purge();

        assertThat(purged).isEqualTo(1);
        assertThat(gateway.api().get("/api/v1/jobs/" + old).status()).isEqualTo(404);
        assertThat(gateway.api().get("/api/v1/jobs/" + recent).status()).isEqualTo(200);
    }
}
