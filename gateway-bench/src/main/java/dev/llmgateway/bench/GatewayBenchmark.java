package dev.llmgateway.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the standalone gateway (mock provider at 0 ms) as a child process and drives it with a
 * closed-loop load generator in this process, both on this machine:
 * {@code java -jar gateway-bench/target/gateway-bench.jar [--warmup=60s] [--duration=20s] [--jar=...]}.
 * The baseline is {@code GET /api/v1/health} on the same server: the same HTTP stack with no
 * Kafka, so the difference is what the gateway adds.
 */
public final class GatewayBenchmark {
    private static final String KEY = "bench-service-key";

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path jar = Path.of(options.getOrDefault("jar", "gateway-standalone/target/llm-gateway.jar"));
        Duration warmup = Options.duration(options.getOrDefault("warmup", "60s"));
        Duration measure = Options.duration(options.getOrDefault("duration", "20s"));
        List<Integer> connections = Options.ints(options.getOrDefault("connections", "1,64"));
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with ./mvnw -pl gateway-standalone -am package -DskipTests");
        }
        System.out.printf("Starting %s (warm-up %s per scenario, measuring %s)%n", jar, warmup, measure);
        try (GatewayProcess gateway = GatewayProcess.start(jar, options.getOrDefault("heap", "1g"),
                Map.of("GATEWAY_SERVICE_KEYS", KEY))) {
            LoadGenerator load = new LoadGenerator();
            List<LoadResult> results = new ArrayList<>();
            for (int c : connections) {
                results.add(load.run("baseline GET /api/v1/health", c, warmup, measure,
                        i -> LoadGenerator.request(gateway.url("/api/v1/health")).GET().build()));
                results.add(load.run("generate, mock 0 ms, cache off", c, warmup, measure,
                        i -> generate(gateway, "benchmark prompt " + i, false)));
            }
            for (int c : connections) {
                results.add(load.run("generate, L1 cache hit", c, warmup, measure,
                        i -> generate(gateway, "the same prompt every time", true)));
            }
            System.out.println();
            System.out.println(LoadResult.header());
            results.forEach(r -> System.out.println(r.row()));
            System.out.println();
            for (int i = 0; i + 1 < 2 * connections.size(); i += 2) {
                LoadResult base = results.get(i);
                LoadResult gen = results.get(i + 1);
                System.out.printf("added p50 latency at %d connection(s): %.2f ms (generate %.2f ms - baseline %.2f ms)%n",
                        gen.connections(), gen.percentileMs(50) - base.percentileMs(50), gen.percentileMs(50),
                        base.percentileMs(50));
            }
            System.out.printf("gateway process RSS after load: %s%n", rss(gateway.pid()));
            System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", gateway log: " + gateway.log());
        }
    }

    private static HttpRequest generate(GatewayProcess gateway, String prompt, boolean cache) {
        String body = "{\"user_id\":\"bench\",\"service\":\"bench\",\"cache\":" + cache + ",\"prompt\":\"" + prompt + "\"}";
        return LoadGenerator.request(gateway.url("/api/v1/generate"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS"))
                    .map(line -> line.replace("VmRSS:", "").trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
