package dev.llmgateway.api.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.support.ApiClient;
import dev.llmgateway.api.support.ApiResponse;
import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.api.support.Infrastructure;
import dev.llmgateway.api.support.LoadFigures;
import dev.llmgateway.api.support.SyncLoad;
import dev.llmgateway.api.support.SyncLoad.Outcome;
import dev.llmgateway.embedded.EmbeddedKafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under sustained synchronous load and comes back on the same ports and log
 * directory. A broker of this test's own: the shared test broker is never stopped.
 */
class KafkaOutageIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    @RegisterExtension
    static final RedisFixture REDIS = RedisFixture.shared();

    private static final int CALLERS = 4;
    /** Longer than the producers' delivery timeout (15 s): what they held when the broker went away has expired. */
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Pattern PROMPT = Pattern.compile("request \\d+");
    private static final long DEADLINE_MS = 5_000;
    /** A 504 also waits up to 2 s to record the job for a later lookup. */
    private static final long ANSWER_SLACK_MS = 3_000;
    /** Threads started lazily by the first timeout: late-answers, the JDK's delay scheduler. */
    private static final int THREAD_MARGIN = 3;
    /**
     * Not counted: the test's own threads (its HTTP client's, its callers', the fake provider's),
     * and Jetty's bounded request pool, which grows with the request rate; a request thread that
     * never finishes is looked for separately.
     */
    private static final List<String> UNCOUNTED_THREADS = List.of("HttpClient-", "sync-load-", "fake-provider-", "dw-");
    /** A Jetty request thread while it serves a request, e.g. {@code dw-42 - POST /api/v1/generate}. */
    private static final Pattern BUSY_REQUEST_THREAD = Pattern.compile("dw-\\d+ - .*");

    @TempDir
    Path logDir;

    @Test
    void answers503QuicklyWhileTheBrokerIsDownAndRecoversFullyWhenItReturns() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, port, controllerPort);
        Infrastructure infrastructure = new Infrastructure(broker.bootstrapServers(), POSTGRES.jdbcUrl(),
                POSTGRES.dataSource(), REDIS.uri());
        try (GatewayHarness gateway = GatewayHarness.start(infrastructure)) {
            gateway.addProvider(gateway.fakeAnthropic("claude"));
            ApiClient api = gateway.api();
            ApiClient adminPort = gateway.adminPortClient(0);
            Map<String, Object> cacheable = Map.of("user_id", "cached", "service", "kafka-outage", "prompt", "same");
            ApiResponse first = api.post("/api/v1/generate", cacheable);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            ApiResponse again = api.post("/api/v1/generate", cacheable);
            assertThat(again.json().path("cached").asBoolean()).as(again.body()).isTrue();
            try (SyncLoad load = SyncLoad.start(api, "/api/v1/generate", CALLERS, n -> Map.of("user_id", "load",
                    "service", "kafka-outage", "prompt", "request " + n, "cache", false, "timeout_ms", DEADLINE_MS))) {
                long warmUp = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.countSince(warmUp, 200) >= 40);
                int threadsBefore = threadCount();
                Map<String, Long> threadGroupsBefore = threadGroups();
                LoadFigures.of("before the outage", load.outcomes()).print();

                broker.close();
                long stopped = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> kafkaReadiness(api).equals("503 down"));
                long seenDown = System.nanoTime();
                ApiResponse cachedWhileDown = api.post("/api/v1/generate", cacheable);
                ApiResponse jobWhileDown = api.post("/api/v1/jobs", Map.of("user_id", "load", "service", "kafka-outage",
                        "prompt", "a job while the broker is down"));
                await().atMost(OUTAGE.plusSeconds(60)).until(() -> load.sentAfter(seenDown).size() >= 40
                        && System.nanoTime() - stopped >= OUTAGE.toNanos());

                broker = EmbeddedKafkaBroker.start(logDir, port, controllerPort);
                long restarted = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.countSince(restarted, 200) >= 1);
                long firstAnswer = load.sentAfter(restarted).stream().filter(o -> o.status() == 200)
                        .mapToLong(Outcome::answeredNanos).min().orElseThrow();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.countSince(firstAnswer, 200) >= 40);
                long recovered = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.countSince(recovered, 200) >= 20);
                int threadsAfter = threadCount();
                Map<String, Long> threadGroupsAfter = threadGroups();
                load.close();

                List<Outcome> all = load.outcomes();
                List<Outcome> duringOutage = all.stream()
                        .filter(o -> !o.answeredBefore(stopped) && o.answeredBefore(restarted)).toList();
                List<Outcome> afterSeenDown = duringOutage.stream().filter(o -> o.sentAfter(seenDown)).toList();
                List<Outcome> afterRecovery = all.stream().filter(o -> o.sentAfter(recovered)).toList();
                LoadFigures.of("broker down: answered between the stop and the restart", duringOutage).print();
                LoadFigures down = LoadFigures.of("broker down: sent once readiness said so", afterSeenDown).print();
                LoadFigures.of("restarted: answered between the restart and recovery", all.stream()
                        .filter(o -> !o.answeredBefore(restarted) && o.answeredBefore(recovered)).toList()).print();
                LoadFigures recovery = LoadFigures.of("recovered", afterRecovery).print();
                LoadFigures.of("whole run", all).print();
                Set<String> refused = all.stream().filter(o -> o.status() == 503)
                        .map(o -> (String) ((Map<?, ?>) o.request()).get("prompt")).collect(Collectors.toSet());
                Set<String> ranAnyway = gateway.fake().requests().stream()
                        .map(r -> PROMPT.matcher(r.body()).results().findFirst().map(MatchResult::group).orElse(""))
                        .filter(refused::contains).collect(Collectors.toCollection(TreeSet::new));
                System.out.printf("[kafka outage] provider calls %d; calls for requests answered 503: %d %s%n",
                        gateway.fake().requestCount(), ranAnyway.size(), ranAnyway);
                long unavailableMaxMs = duringOutage.stream().filter(o -> o.status() == 503).mapToLong(Outcome::latencyMs)
                        .max().orElse(-1);
                System.out.printf("[kafka outage] broker down for %d ms; readiness down after %d ms; first 200 %d ms after the restart; "
                        + "max 503 latency %d ms; threads %d before, %d after, changed: %s%n",
                        millis(restarted - stopped), millis(seenDown - stopped), millis(firstAnswer - restarted), unavailableMaxMs, threadsBefore,
                        threadsAfter, changes(threadGroupsBefore, threadGroupsAfter));

                assertThat(all).allSatisfy(o -> assertThat(o.latencyMs()).as("%s", o)
                        .isLessThanOrEqualTo(DEADLINE_MS + ANSWER_SLACK_MS));
                assertThat(duringOutage).allSatisfy(o -> assertThat(LoadFigures.kind(o)).as("%s", o)
                        .isIn("503 unavailable", "504 timeout"));
                assertThat(afterSeenDown).isNotEmpty().allSatisfy(o -> {
                    assertThat(LoadFigures.kind(o)).as("%s", o).isEqualTo("503 unavailable");
                    assertThat(o.latencyMs()).as("%s", o).isLessThan(2_000);
                });
                assertThat(unavailableMaxMs).as("the slowest 503").isBetween(0L, DEADLINE_MS - 1);
                assertThat(down.count(kind -> kind.equals("503 unavailable"))).isEqualTo(down.sent());
                assertThat(recovery.answered()).isEqualTo(recovery.sent());
                assertThat(ranAnyway).as("jobs run although their callers were answered 503").isEmpty();
                // a cache hit is refused too: its usage event could not be recorded
                System.out.printf("[kafka outage] a cached request while down: %s; a job: %s%n", cachedWhileDown,
                        jobWhileDown);
                assertThat(cachedWhileDown.status()).as(cachedWhileDown.body()).isEqualTo(503);
                assertThat(cachedWhileDown.errorType()).isEqualTo("unavailable");
                assertThat(jobWhileDown.status()).as(jobWhileDown.body()).isEqualTo(503);
                assertThat(jobWhileDown.errorType()).isEqualTo("unavailable");
                assertThat(millis(firstAnswer - restarted)).as("time to the first 200 after the restart")
                        .isLessThan(60_000);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(pendingReplies(adminPort)).as("requests_pending_replies").isZero());
                assertThat(gateway.application(0).components().requestReply().pendingCount()).isZero();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(busyRequestThreads()).as("request threads still serving").isEmpty());
                System.out.println("[kafka outage] Kafka clients' threads after recovery: "
                        + kafkaClientThreads(threadGroupsAfter));
                assertThat(kafkaClientThreads(threadGroupsBefore)).isNotEmpty();
                assertThat(kafkaClientThreads(threadGroupsAfter)).as("Kafka clients' threads")
                        .isEqualTo(kafkaClientThreads(threadGroupsBefore));
                assertThat(threadsAfter).as("live threads after recovery; changed: %s",
                        changes(threadGroupsBefore, threadGroupsAfter)).isLessThanOrEqualTo(threadsBefore + THREAD_MARGIN);
                assertThat(kafkaReadiness(api)).isEqualTo("200 ok");
            }
        } finally {
            broker.close();
        }
    }

    /** The readiness status and the state of its Kafka check, e.g. {@code 503 down}. */
    private static String kafkaReadiness(ApiClient api) {
        ApiResponse ready = api.get("/api/v1/health/ready");
        JsonNode kafka = ready.json().path("checks").path("kafka");
        return ready.status() + " " + kafka.path("status").asText();
    }

    private static double pendingReplies(ApiClient adminPort) {
        String metrics = adminPort.get("/metrics").body();
        return metrics.lines().filter(line -> line.startsWith("requests_pending_replies "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no requests_pending_replies in /metrics"));
    }

    /** Live threads of the gateway but its request pool. */
    private static int threadCount() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> UNCOUNTED_THREADS.stream().noneMatch(t.getName()::startsWith)).count();
    }

    /** The network threads of every Kafka producer and consumer in this JVM, by client. */
    private static Map<String, Long> kafkaClientThreads(Map<String, Long> threadGroups) {
        return threadGroups.entrySet().stream()
                .filter(e -> e.getKey().startsWith("kafka-producer-network-thread")
                        || e.getKey().startsWith("kafka-coordinator-heartbeat-thread")
                        || e.getKey().startsWith("consumer_background_thread"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static List<String> busyRequestThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> BUSY_REQUEST_THREAD.matcher(name).matches()).toList();
    }

    /** Live threads by name with the numbers taken out, to say which kind leaked. */
    private static Map<String, Long> threadGroups() {
        return Thread.getAllStackTraces().keySet().stream().map(t -> t.getName().replaceAll("\\d+", "#"))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /** The thread kinds whose count changed, as {@code kind=before->after}. */
    private static String changes(Map<String, Long> before, Map<String, Long> after) {
        TreeMap<String, String> changed = new TreeMap<>();
        before.forEach((kind, count) -> {
            if (!count.equals(after.getOrDefault(kind, 0L))) {
                changed.put(kind, count + "->" + after.getOrDefault(kind, 0L));
            }
        });
        after.forEach((kind, count) -> {
            if (!before.containsKey(kind)) {
                changed.put(kind, "0->" + count);
            }
        });
        return changed.toString();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
