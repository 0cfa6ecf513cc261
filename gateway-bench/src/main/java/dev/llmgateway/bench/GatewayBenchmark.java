package dev.llmgateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The benchmark suite: starts the standalone gateway as a child process and a mock provider (a real
 * HTTP server speaking OpenAI's format) in this process, registers the mock with the gateway, and
 * sends each load once through the gateway and once straight to the mock, so the difference is what
 * the gateway adds. Load generator, mock and gateway share this machine's cores.
 * {@code java -jar gateway-bench/target/gateway-bench.jar [--warmup=10s] [--duration=15s] ...}; see README.
 */
public final class GatewayBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path jar = Path.of(options.getOrDefault("jar", "gateway-standalone/target/llm-gateway.jar"));
        Duration warmup = Options.duration(options.getOrDefault("warmup", "10s"));
        Duration measure = Options.duration(options.getOrDefault("duration", "15s"));
        Duration jitWarmup = Options.duration(options.getOrDefault("jit-warmup", "120s"));
        List<Integer> connections = Options.ints(options.getOrDefault("connections", "1,64"));
        int manyConnections = Integer.parseInt(options.getOrDefault("slow-connections", "256"));
        Duration slowProvider = Options.duration(options.getOrDefault("provider-latency", "50ms"));
        int jobs = Integer.parseInt(options.getOrDefault("jobs", "20000"));
        int usageEvents = Integer.parseInt(options.getOrDefault("usage-events", "50000"));
        String heap = options.getOrDefault("heap", "1g");
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with ./mvnw -pl gateway-standalone -am package -DskipTests");
        }
        System.out.printf("Starting %s (heap %s; warm-up %s and %s measured per scenario)%n", jar, heap, warmup, measure);
        LoadGenerator load = new LoadGenerator();
        List<Comparison> rows = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        Map<String, String> env = Map.of("GATEWAY_SERVICE_KEYS", Requests.SERVICE_KEY, "GATEWAY_ADMIN_KEY", Requests.ADMIN_KEY);
        try (FakeProvider mock = FakeProvider.start(Requests.PROVIDER_KEY)) {
            try (GatewayProcess gateway = GatewayProcess.start(jar, heap, List.of(), env)) {
                Requests requests = new Requests(gateway, mock.openAiBaseUrl());
                expectCreated(requests.addMockProvider());
                figures.add("gateway RSS idle after start: " + mb(gateway.memory().rssKb()));
                warmUp(load, requests, jitWarmup);
                for (int c : connections) {
                    rows.add(compare(load, mock, "cache miss (generate, cache off), mock 0 ms", c, warmup, measure,
                            i -> requests.generate(Requests.PROVIDER, "benchmark prompt " + i, false),
                            i -> requests.direct("benchmark prompt " + i)));
                }
                for (int c : connections) {
                    rows.add(compare(load, mock, "L1 cache hit (generate, same prompt)", c, warmup, measure,
                            i -> requests.generate(Requests.PROVIDER, "the same prompt every time", true),
                            i -> requests.direct("the same prompt every time")));
                }
                rows.add(compare(load, mock, Behavior.latency(slowProvider), "cache miss, mock " + slowProvider.toMillis()
                        + " ms", manyConnections, warmup, measure,
                        i -> requests.generate(Requests.PROVIDER, "slow prompt " + i, false),
                        i -> requests.direct("slow prompt " + i)));
                GatewayProcess.Memory underLoad = gateway.memory();
                mock.reset();
                System.out.println("streaming, time to first chunk, 1 connection");
                rows.add(new Comparison("streaming, time to first chunk (chat, stream)",
                        load.run("gateway", 1, warmup, measure, LoadGenerator.Timing.FIRST_CHUNK,
                                i -> requests.gatewayStream("stream prompt " + i)),
                        load.run("direct", 1, warmup, measure, LoadGenerator.Timing.FIRST_CHUNK,
                                i -> requests.directStream("stream prompt " + i))));
                mock.reset();

                KafkaLoad kafka = new KafkaLoad(gateway.kafkaBootstrap());
                kafka.jobs(Math.max(1, jobs / 10), "mock", Duration.ofMinutes(2));
                figures.add("batch jobs through Kafka, built-in mock provider: " + jobs(kafka.jobs(jobs, "mock", Duration.ofMinutes(5))));
                figures.add("batch jobs through Kafka, HTTP mock provider:     "
                        + jobs(kafka.jobs(jobs, Requests.PROVIDER, Duration.ofMinutes(5))));
                mock.reset();
                String user = "bench-usage-" + UUID.randomUUID().toString().substring(0, 8);
                String today = LocalDate.now(ZoneOffset.UTC).toString();
                KafkaLoad.Throughput usage = kafka.usage(usageEvents, user,
                        () -> requestsOf(requests.userUsage(user, today)), Duration.ofMinutes(5));
                figures.add(String.format("usage events into Postgres (llm.usage -> usage stream -> usage API): %d of %d counted, %.0f events/s",
                        usage.done(), usage.sent(), usage.perSecond()));
                GatewayProcess.Memory end = gateway.memory();
                figures.add(String.format("gateway RSS under load (after %d connections): %s; peak RSS over the run: %s "
                        + "(one process: API, worker, usage stream, Kafka broker, Postgres and Redis are separate processes)",
                        manyConnections, mb(underLoad.rssKb()), mb(end.peakRssKb())));
            }
            System.out.println("Starting a second gateway with the local cache off, for L2 (Redis) hits");
            try (GatewayProcess gateway = GatewayProcess.start(jar, heap, List.of("-Ddw.cache.localMaxEntries=0"), env)) {
                Requests requests = new Requests(gateway, mock.openAiBaseUrl());
                expectCreated(requests.addMockProvider());
                warmUp(load, requests, jitWarmup);
                for (int c : connections) {
                    rows.add(compare(load, mock, "L2 cache hit (Redis; local cache size 0)", c, warmup, measure,
                            i -> requests.generate(Requests.PROVIDER, "the same prompt every time", true),
                            i -> requests.direct("the same prompt every time")));
                }
            }
        }
        System.out.println();
        System.out.println(Comparison.header());
        rows.forEach(r -> System.out.println(r.row()));
        System.out.println();
        figures.forEach(f -> System.out.println("- " + f));
        System.out.println("- cores: " + Runtime.getRuntime().availableProcessors());
    }

    /** A mixed load on a fresh gateway, not recorded, so the first rows are not measured before the JIT has compiled. */
    private static void warmUp(LoadGenerator load, Requests requests, Duration jitWarmup) throws InterruptedException {
        System.out.println("JIT warm-up of the fresh gateway: cache misses, hits and streams, 16 connections, " + jitWarmup);
        load.run("JIT warm-up", 16, jitWarmup, Duration.ZERO, i -> switch (i % 4) {
            case 0, 1 -> requests.generate(Requests.PROVIDER, "warm-up " + i, false);
            case 2 -> requests.generate(Requests.PROVIDER, "warm-up", true);
            default -> requests.gatewayStream("warm-up " + i);
        });
    }

    private static Comparison compare(LoadGenerator load, FakeProvider mock, String scenario, int connections,
            Duration warmup, Duration measure, IntFunction<HttpRequest> viaGateway, IntFunction<HttpRequest> direct)
            throws InterruptedException {
        return compare(load, mock, Behavior.echo(), scenario, connections, warmup, measure, viaGateway, direct);
    }

    /** The mock is reset before each run, so the requests it records never pile up over the suite. */
    private static Comparison compare(LoadGenerator load, FakeProvider mock, Behavior provider, String scenario,
            int connections, Duration warmup, Duration measure, IntFunction<HttpRequest> viaGateway,
            IntFunction<HttpRequest> direct) throws InterruptedException {
        System.out.printf("%s, %d connection(s)%n", scenario, connections);
        mock.reset();
        mock.setDefault(provider);
        LoadResult gateway = load.run("gateway", connections, warmup, measure, viaGateway);
        mock.reset();
        mock.setDefault(provider);
        LoadResult straight = load.run("direct", connections, warmup, measure, direct);
        mock.reset();
        return new Comparison(scenario, gateway, straight);
    }

    private static void expectCreated(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("registering the mock provider answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static long requestsOf(HttpRequest usage) {
        try {
            HttpResponse<String> response = HTTP.send(usage, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("requests").asLong() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static String jobs(KafkaLoad.Throughput run) {
        return String.format("%d of %d answered (%d failed) in %.1f s, %.0f jobs/s", run.done(), run.sent(), run.failed(),
                run.nanos() / 1e9, run.perSecond());
    }

    private static String mb(long kb) {
        return kb < 0 ? "unknown" : String.format("%.0f MB", kb / 1024.0);
    }
}
