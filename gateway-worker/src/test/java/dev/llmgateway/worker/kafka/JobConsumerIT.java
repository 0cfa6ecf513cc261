package dev.llmgateway.worker.kafka;

import static dev.llmgateway.worker.support.TestKafka.job;
import static dev.llmgateway.worker.support.TestKafka.rawJob;
import static dev.llmgateway.worker.support.TestKafka.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.cost.CostCalculator;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.worker.execution.GenerationExecutor;
import dev.llmgateway.worker.execution.RetryPolicy;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderClient;
import dev.llmgateway.worker.provider.ProviderClients;
import dev.llmgateway.worker.provider.ProviderResponse;
import dev.llmgateway.worker.support.TestKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One consumer thread on the in-JVM broker, with provider calls the test completes by hand, so
 * that what happens around a stop is decided by the test and not by timing.
 */
class JobConsumerIT {
    private static final TestKafka KAFKA = new TestKafka();
    private static final ProviderConfig PROVIDER = new ProviderConfig("p", ProviderType.MOCK, "P", null, null,
            List.of("m"), "m", true, 10, null, 60_000, 0);

    private final String group = "job-consumer-it-" + UUID.randomUUID();
    private final KafkaFactory kafka = kafkaFactory();
    private final HeldCalls calls = new HeldCalls();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FlakyProducer producer = new FlakyProducer();
    private final List<Running> running = new ArrayList<>();

    @BeforeAll
    static void sharedTopics() {
        KafkaFactory kafka = kafkaFactory();
        try (Admin admin = kafka.buildAdmin("job-consumer-it-admin")) {
            new TopicInitializer(admin, kafka).createSharedTopics();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Running consumer : running) {
            consumer.stop();
        }
        producer.close(Duration.ofSeconds(5));
        timer.shutdownNow();
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
    }

    @Test
    void aJobStillRunningWhenItsConsumerStopsIsAnsweredOnlyByTheNextConsumer() throws InterruptedException {
        String replyTopic = KAFKA.newTopic("job-consumer-it.replies");
        Running first = start();
        String id = "job-" + UUID.randomUUID();

        RecordMetadata sent = KAFKA.send(job(request(id), replyTopic, "corr-" + id));
        CompletableFuture<ProviderResponse> firstCall = calls.next();
        first.stop();
        // the provider answers the stopped consumer's call late, as a crashed worker's would never be
        firstCall.complete(new ProviderResponse("late answer", "stop", new TokenUsage(1, 2)));
        producer.flush();

        start();
        calls.next().complete(new ProviderResponse("redelivered answer", "stop", new TokenUsage(1, 2)));
        KAFKA.awaitCommitted(group, new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1);

        assertThat(withKey(KAFKA.readToEnd(replyTopic), id)).hasSize(1)
                .allSatisfy(reply -> assertThat(TestKafka.utf8(reply.value())).contains("redelivered answer"));
        assertThat(withKey(KAFKA.readToEnd(Topics.USAGE.name()), id)).hasSize(1);
    }

    @Test
    void theOffsetIsCommittedOnlyOnceTheReplyAndUsageArePublished() {
        String replyTopic = KAFKA.newTopic("job-consumer-it.replies");
        start();
        String id = "job-" + UUID.randomUUID();

        RecordMetadata sent = KAFKA.send(job(request(id), replyTopic, null));
        CompletableFuture<ProviderResponse> call = calls.next();
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        KAFKA.awaitCommitted(group, partition, sent.offset());

        call.complete(new ProviderResponse("done", "stop", new TokenUsage(1, 1)));

        KAFKA.awaitCommitted(group, partition, sent.offset() + 1);
        assertThat(withKey(KAFKA.readToEnd(replyTopic), id)).hasSize(1);
        assertThat(withKey(KAFKA.readToEnd(Topics.USAGE.name()), id)).hasSize(1);
    }

    @Test
    void aJobThatCannotBeDeadLetteredAtFirstIsRetriedNotDropped() {
        start();
        producer.failNext(Topics.REQUESTS_DLQ.name());
        String key = "poison-" + UUID.randomUUID();

        RecordMetadata poison = KAFKA.send(rawJob(key, "not a job", null, null));

        assertThat(KAFKA.awaitKeyed(Topics.REQUESTS_DLQ.name(), key, 1)).hasSize(1);
        assertThat(producer.failures()).isEqualTo(1);
        KAFKA.awaitCommitted(group, new TopicPartition(poison.topic(), poison.partition()), poison.offset() + 1);
    }

    @Test
    void neverRunsMoreThanMaxInFlightJobsEvenWhenOnePollReturnsMore() {
        String replyTopic = KAFKA.newTopic("job-consumer-it.replies");
        start(2);
        String key = "batch-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "job-" + UUID.randomUUID();
            ids.add(id);
            jobs.add(job(key, request(id), replyTopic, null));
        }

        // visible all at once to the read_committed consumer: one poll returns all five
        List<RecordMetadata> sent = KAFKA.sendAtomically(jobs);
        // two at a time: the next call comes only once one of the two open ones is answered
        CompletableFuture<ProviderResponse> open = calls.next();
        for (int i = 1; i < ids.size(); i++) {
            CompletableFuture<ProviderResponse> next = calls.next();
            open.complete(new ProviderResponse("answer", "stop", new TokenUsage(1, 1)));
            open = next;
        }
        open.complete(new ProviderResponse("answer", "stop", new TokenUsage(1, 1)));

        ids.forEach(id -> assertThat(KAFKA.awaitKeyed(replyTopic, id, 1)).hasSize(1));
        assertThat(calls.mostHeldAtOnce()).isEqualTo(2);
        RecordMetadata last = sent.get(sent.size() - 1);
        KAFKA.awaitCommitted(group, new TopicPartition(last.topic(), last.partition()), last.offset() + 1);
    }

    private Running start() {
        return start(16);
    }

    private Running start(int maxInFlight) {
        GenerationExecutor executor = new GenerationExecutor(() -> new ProviderCatalog(List.of(PROVIDER), List.of()),
                new ProviderClients(Map.of(ProviderType.MOCK, calls)), null, new CostCalculator(PriceTable.defaults()),
                new Router(), timer, Clock.systemUTC(), RetryPolicy.DEFAULT);
        // results are published on the thread that completes the provider call: the test's
        JobConsumer consumer = new JobConsumer(kafka.buildConsumer("job-consumer-it-" + running.size(), group), executor,
                new ResultPublisher(producer, Clock.systemUTC()), Runnable::run, timer, maxInFlight);
        Thread thread = new Thread(consumer, "job-consumer-it-" + running.size());
        thread.start();
        Running started = new Running(consumer, thread);
        running.add(started);
        await("consumer assigned").atMost(TestKafka.WAIT).until(consumer::isAssigned);
        return started;
    }

    private static GenerationRequest request(String id) {
        return GenerationRequest.builder(id, "user-1", "svc").prompt("hi").build();
    }

    private static KafkaFactory kafkaFactory() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(KAFKA.broker().bootstrapServers());
        kafka.setRequestPartitions(4);
        kafka.getConsumer().put("auto.offset.reset", "latest");
        return kafka;
    }

    private record Running(JobConsumer consumer, Thread thread) {
        void stop() throws InterruptedException {
            consumer.stop();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("consumer thread ended").isFalse();
        }
    }

    /** A real producer whose next send to a chosen topic fails, as when the broker is unreachable. */
    private static final class FlakyProducer extends KafkaProducer<byte[], byte[]> {
        private final Set<String> failNext = ConcurrentHashMap.newKeySet();
        private final AtomicInteger failures = new AtomicInteger();

        FlakyProducer() {
            super(KAFKA.broker().producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
        }

        void failNext(String topic) {
            failNext.add(topic);
        }

        int failures() {
            return failures.get();
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (failNext.remove(record.topic())) {
                failures.incrementAndGet();
                TimeoutException unreachable = new TimeoutException("injected: " + record.topic() + " unreachable");
                if (callback != null) {
                    callback.onCompletion(null, unreachable);
                }
                return CompletableFuture.failedFuture(unreachable);
            }
            return super.send(record, callback);
        }
    }

    /** Provider calls that stay open until the test completes them. */
    private static final class HeldCalls implements ProviderClient {
        private final BlockingQueue<CompletableFuture<ProviderResponse>> held = new LinkedBlockingQueue<>();
        private final List<CompletableFuture<ProviderResponse>> all = new CopyOnWriteArrayList<>();
        private final AtomicInteger mostHeldAtOnce = new AtomicInteger();

        @Override
        public CompletableFuture<ProviderResponse> generate(ProviderCall call) {
            CompletableFuture<ProviderResponse> answer = new CompletableFuture<>();
            all.add(answer);
            int open = (int) all.stream().filter(future -> !future.isDone()).count();
            mostHeldAtOnce.accumulateAndGet(open, Math::max);
            held.add(answer);
            return answer;
        }

        /** The most calls open at the same time so far. */
        int mostHeldAtOnce() {
            return mostHeldAtOnce.get();
        }

        CompletableFuture<ProviderResponse> next() {
            try {
                CompletableFuture<ProviderResponse> call = held.poll(30, TimeUnit.SECONDS);
                assertThat(call).as("a provider call within 30 s").isNotNull();
                return call;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
