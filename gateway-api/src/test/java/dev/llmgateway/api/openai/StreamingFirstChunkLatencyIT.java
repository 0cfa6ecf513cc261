package dev.llmgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On demand, not a check: how much time to the first streamed content chunk the gateway adds
 * (API, Kafka to a worker, the worker's streaming provider call, Kafka back, the relay) over
 * asking the FakeProvider directly. Same client, same provider, cache-missing prompts, both
 * alternated request by request; prints p50/p99 of each and writes them to
 * {@code target/streaming-ttfc.txt}. Run with
 * {@code ./mvnw -B -o -pl gateway-api -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=StreamingFirstChunkLatencyIT -Dfailsafe.failIfNoSpecifiedTests=false -Dmeasure.ttfc=true}
 * ({@code -Dmeasure.ttfc.requests=N} to change the 1,000 measured requests per side).
 */
@EnabledIfSystemProperty(named = "measure.ttfc", matches = "true")
class StreamingFirstChunkLatencyIT {
    private static final int WARMUP = 300;

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static GatewayHarness gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    void timeToFirstChunkThroughTheGatewayVersusTheProviderDirectly() throws Exception {
        gateway.addProvider(gateway.fakeOpenAi("openai"));
        int requests = Integer.getInteger("measure.ttfc.requests", 1000);
        for (int i = 0; i < WARMUP; i++) {
            firstChunkNanos(direct(i));
            firstChunkNanos(throughGateway(i));
        }
        long[] direct = new long[requests];
        long[] gatewayed = new long[requests];
        long[] unstreamed = new long[requests];
        for (int i = 0; i < requests; i++) {
            direct[i] = firstChunkNanos(direct(WARMUP + i));
            gatewayed[i] = firstChunkNanos(throughGateway(WARMUP + i));
            unstreamed[i] = answerNanos(unstreamedThroughGateway(WARMUP + i));
        }

        Arrays.sort(direct);
        Arrays.sort(gatewayed);
        Arrays.sort(unstreamed);
        String report = String.format("time to first content chunk over %d streamed requests each%n"
                        + "  FakeProvider directly: p50 %.2f ms, p99 %.2f ms%n"
                        + "  through the gateway:   p50 %.2f ms, p99 %.2f ms%n"
                        + "  overhead:              p50 %.2f ms, p99 %.2f ms%n"
                        + "for reference, a whole unstreamed completion through the gateway: p50 %.2f ms, p99 %.2f ms%n",
                requests, ms(direct, 0.50), ms(direct, 0.99), ms(gatewayed, 0.50), ms(gatewayed, 0.99),
                ms(gatewayed, 0.50) - ms(direct, 0.50), ms(gatewayed, 0.99) - ms(direct, 0.99),
                ms(unstreamed, 0.50), ms(unstreamed, 0.99));
        System.out.print(report);
        Files.writeString(Path.of("target", "streaming-ttfc.txt"), report);
        assertThat(gatewayed[0]).isPositive();
    }

    private HttpRequest direct(int i) {
        return HttpRequest.newBuilder(URI.create(gateway.fake().openAiBaseUrl() + "/chat/completions"))
                .header("authorization", "Bearer " + GatewayHarness.PROVIDER_KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body("gpt-4o-mini", i)))
                .build();
    }

    private HttpRequest throughGateway(int i) {
        return HttpRequest.newBuilder(URI.create(gateway.api().baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayHarness.SERVICE_KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body("openai/gpt-4o-mini", i)))
                .build();
    }

    private HttpRequest unstreamedThroughGateway(int i) {
        return HttpRequest.newBuilder(URI.create(gateway.api().baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayHarness.SERVICE_KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body("openai/gpt-4o-mini", i).replace("true", "false")
                        .replace("measure", "whole")))
                .build();
    }

    private long answerNanos(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return System.nanoTime() - start;
    }

    /** A prompt of its own per request, so the gateway's cache never answers. */
    private static String body(String model, int i) {
        return "{\"model\": \"" + model + "\", \"stream\": true, "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"measure " + i + " now\"}]}";
    }

    /** From sending to reading the first chunk with content; the rest of the stream is read too. */
    private long firstChunkNanos(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        long first = -1;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (first < 0 && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    first = System.nanoTime() - start;
                }
            }
        }
        assertThat(first).as("a content chunk arrived").isPositive();
        return first;
    }

    private static double ms(long[] sortedNanos, double quantile) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.round(quantile * (sortedNanos.length - 1)));
        return sortedNanos[index] / 1_000_000.0;
    }
}
