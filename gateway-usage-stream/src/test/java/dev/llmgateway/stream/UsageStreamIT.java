package dev.llmgateway.stream;

import static dev.llmgateway.stream.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.stream.health.UsageStreamHealthCheck;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole usage stream on the test broker and Postgres: Kafka in, exact totals out, through restarts and outages. */
class UsageStreamIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path stateDirs;

    /** Users, application ids and groups of this test only: the broker and its topics are shared. */
    private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String user = run + "-user";
    private final SwitchableDataSource postgres = new SwitchableDataSource(POSTGRES.dataSource());
    private final List<UsageStream> running = new ArrayList<>();
    private final KafkaProducer<byte[], byte[]> producer = kafka().buildProducer(run + "-producer");

    @BeforeAll
    static void createTopics() {
        try (Admin admin = kafka().buildAdmin("usage-it-admin")) {
            new TopicInitializer(admin, kafka()).createSharedTopics();
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (UsageStream stream : running) {
            stream.stop();
        }
        producer.close();
    }

    @Test
    void countsEveryRequestOnceFromKafkaToPostgres() {
        List<UsageEvent> firstCopies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UsageEvents event = usage(run + "-r" + i, i % 2 == 0 ? "2026-11-24T23:59:59.999Z" : "2026-11-25T00:00:00Z")
                    .user(user).service(i % 3 == 0 ? "pricing" : "trendscout").cost("0.000123");
            firstCopies.add((i % 10 == 0 ? event.cachedHit() : i % 10 == 1 ? event.failed() : event).build());
        }
        send(firstCopies);
        send(redeliveries(firstCopies.subList(0, 30)));

        UsageStream stream = start("a");

        awaitRequestsInPostgres(300);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user)).isEqualTo(300);
        assertThat(POSTGRES.queryLong("SELECT sum(input_tokens)::bigint FROM usage_records WHERE user_id = ?", user))
                .isEqualTo(270 * 10);
        assertThat(POSTGRES.queryLong("SELECT sum(cached_requests)::bigint FROM usage_daily WHERE user_id = ?", user))
                .isEqualTo(30);
        assertThat(POSTGRES.queryLong("SELECT sum(failed_requests)::bigint FROM usage_daily WHERE user_id = ?", user))
                .isEqualTo(30);
        assertThat(POSTGRES.queryString("SELECT trim_scale(sum(cost_usd))::text FROM usage_daily WHERE user_id = ?",
                user)).isEqualTo("0.02952");
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_daily WHERE user_id = ?", user)).isEqualTo(4);
        assertThat(newestTotalsOnTopic(300).values()).extracting(DailyUsage::requests).containsExactlyInAnyOrder(
                POSTGRES.queryLong("SELECT requests FROM usage_daily WHERE user_id = ? AND date = '2026-11-24'"
                        + " AND service = 'pricing'", user),
                POSTGRES.queryLong("SELECT requests FROM usage_daily WHERE user_id = ? AND date = '2026-11-24'"
                        + " AND service = 'trendscout'", user),
                POSTGRES.queryLong("SELECT requests FROM usage_daily WHERE user_id = ? AND date = '2026-11-25'"
                        + " AND service = 'pricing'", user),
                POSTGRES.queryLong("SELECT requests FROM usage_daily WHERE user_id = ? AND date = '2026-11-25'"
                        + " AND service = 'trendscout'", user));
        await().atMost(DEADLINE).until(() -> new UsageStreamHealthCheck(stream).execute().isHealthy());
    }

    @Test
    void skipsADayRowPostgresCannotHoldAndKeepsCountingTheOthers() {
        String whale = run + "-whale";
        // each event can be stored, but their day's cost is past usage_daily's NUMERIC(24,12)
        send(List.of(usage(run + "-whale-1", "2026-11-24T12:00:00Z").user(whale).cost("900000000000").build(),
                usage(run + "-whale-2", "2026-11-24T12:00:01Z").user(whale).cost("900000000000").build()));
        send(events(0, 50));

        start("a");

        awaitRequestsInPostgres(50);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", whale)).isEqualTo(2);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_daily WHERE user_id = ? AND cost_usd >= 1000000000000",
                whale)).isZero();
    }

    @Test
    void aRestartInTheMiddleOfTenThousandEventsCountsEachExactlyOnce() throws InterruptedException {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(usage(run + "-r" + i, "2026-11-24T12:00:00Z").user(user).cost("0.000123").build());
        }
        // Half the events before the restart, half after: the restart falls in the middle whatever
        // the machine's speed, and redeliveries straddle it.
        send(events.subList(0, 5_000));
        send(redeliveries(events.subList(0, 500)));
        UsageStream first = start("first");
        awaitRequestsInPostgresAtLeast(1);
        first.stop();
        running.remove(first);

        send(events.subList(5_000, 10_000));
        send(redeliveries(events.subList(4_000, 6_000)));
        start("second-with-empty-local-state");

        awaitRequestsInPostgres(10_000);
        assertThat(POSTGRES.queryString("SELECT cost_usd::text FROM usage_daily WHERE user_id = ?", user))
                .isEqualTo("1.230000000000");
        assertThat(POSTGRES.queryLong("SELECT output_tokens FROM usage_daily WHERE user_id = ?", user))
                .isEqualTo(200_000);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user)).isEqualTo(10_000);
        assertThat(newestTotalsOnTopic(10_000).values()).singleElement()
                .satisfies(totals -> assertThat(totals.costUsd()).isEqualTo(new BigDecimal("1.230000")));
    }

    @Test
    void waitsForPostgresWhileItIsDownAndCatchesUpWithNothingLostOrDoubled() {
        UsageStream stream = start("a");
        send(events(0, 200));
        awaitRequestsInPostgres(200);

        postgres.down();
        send(events(200, 500));

        await().atMost(DEADLINE).until(() -> stream.sinkStatus().failure() != null);
        assertThat(newestTotalsOnTopic(500)).hasSize(1);
        assertThat(stream.streamsState()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(new UsageStreamHealthCheck(stream).execute().getMessage()).contains("sink failing since");
        assertThat(requestsInPostgres()).isEqualTo(200);

        postgres.up();

        awaitRequestsInPostgres(500);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user)).isEqualTo(500);
        await().atMost(DEADLINE).until(() -> stream.sinkStatus().failure() == null);
    }

    @Test
    void aStreamStoppedDuringAnOutageResumesFromItsLastWrite() throws InterruptedException {
        UsageStream first = start("first");
        send(events(0, 100));
        awaitRequestsInPostgres(100);
        postgres.down();
        send(events(100, 400));
        await().atMost(DEADLINE).until(() -> first.sinkStatus().failure() != null);
        first.stop();
        running.remove(first);

        postgres.up();
        start("second");

        awaitRequestsInPostgres(400);
        assertThat(POSTGRES.queryLong("SELECT count(*) FROM usage_records WHERE user_id = ?", user)).isEqualTo(400);
    }

    private UsageStream start(String instance) {
        UsageStreamSettings settings = new UsageStreamSettings();
        settings.setApplicationId(run + "-stream");
        settings.setSinkGroupId(run + "-sink");
        settings.setStateDir(stateDirs.resolve(instance).toString());
        settings.setSinkRetryMin(io.dropwizard.util.Duration.milliseconds(50));
        settings.setSinkRetryMax(io.dropwizard.util.Duration.milliseconds(500));
        settings.setLagInterval(io.dropwizard.util.Duration.seconds(1));
        UsageStream stream = new UsageStream(kafka(), Jdbi.create(postgres).installPlugin(new SqlObjectPlugin()),
                settings);
        running.add(stream);
        stream.start();
        return stream;
    }

    private static KafkaFactory kafka() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(BROKER.bootstrapServers());
        kafka.setRequestPartitions(3);
        return kafka;
    }

    private List<UsageEvent> events(int from, int to) {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(usage(run + "-r" + i, "2026-11-24T12:00:00Z").user(user).build());
        }
        return events;
    }

    /** The same request ids again, as a worker that crashed before committing sends them: later, with other numbers. */
    private static List<UsageEvent> redeliveries(List<UsageEvent> events) {
        return events.stream().map(e -> new UsageEvent(e.requestId(), e.ts().plusSeconds(30), e.userId(), e.service(),
                e.provider(), e.model(), e.inputTokens() + 1, e.outputTokens() + 1, e.costUsd().add(BigDecimal.ONE),
                e.latencyMs(), e.cached(), e.status())).toList();
    }

    private void send(List<UsageEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (UsageEvent event : events) {
            acks.add(producer.send(Topics.USAGE.record(event.requestId(), event)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException | InterruptedException e) {
                throw new AssertionError("could not send the test's usage events", e);
            }
        }
    }

    private long requestsInPostgres() {
        return POSTGRES.queryLong("SELECT COALESCE(sum(requests), 0)::bigint FROM usage_daily WHERE user_id = ?", user);
    }

    /**
     * Both tables hold {@code expected} requests: they are fed from two topics ({@code llm.usage.daily}
     * and {@code llm.usage}), so they converge but not in step.
     */
    private void awaitRequestsInPostgres(long expected) {
        await().atMost(DEADLINE).until(this::requestsInPostgres, requests -> requests == expected);
        await().atMost(DEADLINE).until(
                () -> POSTGRES.queryLong("SELECT count(DISTINCT request_id) FROM usage_records WHERE user_id = ?", user),
                records -> records == expected);
    }

    private void awaitRequestsInPostgresAtLeast(long expected) {
        await().atMost(DEADLINE).until(this::requestsInPostgres, requests -> requests >= expected);
    }

    /** The newest totals of this test's user on {@code llm.usage.daily}, once they add up to {@code requests}. */
    private Map<DailyUsageKey, DailyUsage> newestTotalsOnTopic(long requests) {
        List<ConsumerRecord<DailyUsageKey, DailyUsage>> records = BROKER.readUntil(Topics.USAGE_DAILY.name(),
                Topics.USAGE_DAILY.keySerde().deserializer(), Topics.USAGE_DAILY.valueSerde().deserializer(),
                read -> newestOfUser(read).values().stream().mapToLong(DailyUsage::requests).sum() == requests,
                DEADLINE);
        return newestOfUser(records);
    }

    private Map<DailyUsageKey, DailyUsage> newestOfUser(List<ConsumerRecord<DailyUsageKey, DailyUsage>> records) {
        Map<DailyUsageKey, DailyUsage> newest = new HashMap<>();
        for (ConsumerRecord<DailyUsageKey, DailyUsage> record : records) {
            if (record.key().userId().equals(user)) {
                newest.put(record.key(), record.value());
            }
        }
        return newest;
    }
}
