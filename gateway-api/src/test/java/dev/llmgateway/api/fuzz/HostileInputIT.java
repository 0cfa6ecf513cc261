package dev.llmgateway.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.api.fuzz.HostileSender.Answer;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.ProviderRow;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At least 10,000 seeded malformed or hostile requests, spread evenly over every endpoint, each
 * answered with a 2xx (the damage left it valid) or a documented 4xx in the error shape; none
 * with a 5xx, a hang or a connection closed before the answer. Afterwards the gateway still
 * generates. The seed is printed; {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.case=I}
 * only its request {@code I}, {@code -Dfuzz.requests=N} changes the count.
 */
class HostileInputIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final Duration PER_REQUEST = Duration.ofSeconds(30);
    private static final int CONNECTIONS = 6;

    private static GatewayHarness gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayHarness.start(POSTGRES, REDIS);
    }

    /** Leaves nothing a later test class of this JVM could trip on: no rows, no cache or rate-limit keys. */
    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        POSTGRES.truncateAll();
        REDIS.flush();
    }

    @Test
    void answersEveryHostileRequestWithA2xxOrADocumented4xxAndKeepsServing() throws Exception {
        gateway.addProvider(ProviderRow.mock(ValidRequests.PROVIDER).withPriority(1));
        gateway.addProvider(ProviderRow.mock(ValidRequests.VICTIM).withEnabled(false).withPriority(900));
        long seed = Long.getLong("fuzz.seed", ThreadLocalRandom.current().nextLong());
        int count = Integer.getInteger("fuzz.requests", 10_000);
        Integer only = Integer.getInteger("fuzz.case");
        System.out.printf("HostileInputIT seed=%d (replay with -Dfuzz.seed=%d)%n", seed, seed);

        Run run = new Run(new HostileRequests(seed), new HostileSender(port(), PER_REQUEST));
        long started = System.nanoTime();
        if (only != null) {
            run.send(only);
        } else {
            run.sendAll(count);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        run.print(millis);

        assertThat(run.problems).as("hostile requests answered wrongly (seed %d)", seed).isEmpty();
        if (only == null) {
            assertThat(run.sent.get()).isGreaterThanOrEqualTo(count);
            assertThat(run.byEndpoint.keySet()).containsExactlyInAnyOrderElementsOf(
                    Endpoint.ALL.stream().map(Endpoint::label).toList());
        }
        ApiResponse normal = gateway.api().post("/api/v1/generate", Map.of("user_id", "after-fuzz", "service", "check",
                "prompt", "still there?", "provider", ValidRequests.PROVIDER));
        assertThat(normal.status()).as(normal.body()).isEqualTo(200);
        assertThat(normal.json().path("content").asText()).isEqualTo("Mock response to: still there?");
    }

    private static int port() {
        return URI.create(gateway.api().baseUrl()).getPort();
    }

    /** Sends requests from a few threads and keeps the figures. */
    private static final class Run {
        private final HostileRequests requests;
        private final HostileSender sender;
        private final AtomicInteger sent = new AtomicInteger();
        private final Map<String, Map<Integer, LongAdder>> byEndpoint = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byTransport = new ConcurrentHashMap<>();
        private final Queue<String> problems = new ConcurrentLinkedQueue<>();

        Run(HostileRequests requests, HostileSender sender) {
            this.requests = requests;
            this.sender = sender;
        }

        void sendAll(int count) throws Exception {
            AtomicInteger next = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < CONNECTIONS; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            send(i);
                        }
                    }));
                }
                for (Future<?> thread : done) {
                    thread.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }

        void send(int index) {
            HostileRequest request = requests.get(index);
            Answer answer = sender.send(request);
            sent.incrementAndGet();
            byEndpoint.computeIfAbsent(request.endpoint().label(), e -> new ConcurrentHashMap<>())
                    .computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
            byKind.computeIfAbsent(request.kind(), k -> new LongAdder()).increment();
            byTransport.computeIfAbsent(answer.via(), k -> new LongAdder()).increment();
            String problem = AnswerCheck.problem(request, answer);
            if (problem != null) {
                problems.add(request + "\n    -> " + problem);
            }
        }

        void print(long millis) {
            System.out.printf("HostileInputIT: %d requests in %d ms over %d connections; %d answered wrongly%n",
                    sent.get(), millis, CONNECTIONS, problems.size());
            System.out.printf("  %-42s %6s  %s%n", "endpoint", "sent", "statuses (-1: no answer)");
            for (Endpoint endpoint : Endpoint.ALL) {
                Map<Integer, LongAdder> statuses = byEndpoint.getOrDefault(endpoint.label(), Map.of());
                long total = statuses.values().stream().mapToLong(LongAdder::sum).sum();
                System.out.printf("  %-42s %6d  %s%n", endpoint.label(), total, new TreeMap<>(statuses));
            }
            System.out.println("  by damage: " + new TreeMap<>(byKind));
            System.out.println("  by transport: " + new TreeMap<>(byTransport));
            problems.stream().limit(200).forEach(p -> System.out.println("  WRONG " + p));
        }
    }
}
