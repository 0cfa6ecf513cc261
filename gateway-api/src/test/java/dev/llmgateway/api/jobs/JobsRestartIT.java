package dev.llmgateway.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.Hang;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A job's answer that arrives while no API instance runs is recorded by the next one to start. */
class JobsRestartIT {
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

    @Test
    void anAnswerThatArrivesWhileEveryApiInstanceIsDownIsRecordedByTheNextToStart() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withTimeoutMs(60_000));
        Hang hang = Behavior.hang();
        gateway.fake().setDefault(hang);
        ApiResponse accepted = gateway.api(0).post("/api/v1/jobs",
                Map.of("user_id", "u1", "service", "nightly", "prompt", "while nobody listens"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asText();
        gateway.fake().awaitRequests(1, Duration.ofSeconds(10));

        gateway.stopApi(0);
        hang.release();
        gateway.kafka().readUntil(Topics.RESULTS.name(), new StringDeserializer(), new StringDeserializer(),
                results -> results.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30));
        gateway.startApi("restarted-" + System.nanoTime());
        ApiClient restarted = gateway.api(gateway.apiCount() - 1);

        JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> restarted.get("/api/v1/jobs/" + id).json(),
                answer -> !"queued".equals(answer.path("status").asText()));
        assertThat(job.path("status").asText()).isEqualTo("succeeded");
        assertThat(job.path("result").path("content").asText()).isEqualTo("Echo: while nobody listens");
    }
}
