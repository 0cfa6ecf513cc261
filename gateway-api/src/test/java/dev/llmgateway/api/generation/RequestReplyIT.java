package dev.llmgateway.api.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request-reply facade with more than one API instance, and on shutdown. */
class RequestReplyIT {
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

    @Test
    void twoInstancesOnOneBrokerEachGetTheirOwnReplies() {
        gateway.addProvider(gateway.fakeAnthropic("claude"));
        gateway.fake().setDefault(Behavior.latency(Duration.ofMillis(50)));

        List<CompletableFuture<ApiResponse>> calls = new ArrayList<>();
        List<String> prompts = IntStream.range(0, 40).mapToObj(i -> "question number " + i).toList();
        for (int i = 0; i < prompts.size(); i++) {
            ApiClient instance = gateway.api(i % 2);
            String prompt = prompts.get(i);
            calls.add(CompletableFuture.supplyAsync(() -> instance.post("/api/v1/generate",
                    Map.of("user_id", "u", "service", "s", "prompt", prompt))));
        }

        for (int i = 0; i < prompts.size(); i++) {
            ApiResponse response = calls.get(i).join();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("content").asText()).isEqualTo("Echo: " + prompts.get(i));
        }
    }

    @Test
    void aStoppingInstanceAnswersItsPendingRequestsWith503() {
        gateway.addProvider(gateway.fakeAnthropic("claude").withMaxRetries(0).withTimeoutMs(60_000));
        gateway.fake().setDefault(Behavior.hang());
        gateway.startApi("leaving-" + System.nanoTime());
        int index = gateway.apiCount() - 1;
        gateway.refreshCatalogs();
        ApiClient leaving = gateway.api(index);

        CompletableFuture<ApiResponse> pending = CompletableFuture.supplyAsync(() -> leaving.post("/api/v1/generate",
                Map.of("user_id", "u", "service", "s", "prompt", "p", "timeout_ms", 60_000)));
        gateway.fake().awaitRequests(1, Duration.ofSeconds(10));
        gateway.stopApi(index);

        ApiResponse response = pending.join();
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.errorType()).isEqualTo("unavailable");
        assertThat(response.json().path("error").path("message").asText()).contains("shutting down");
    }
}
