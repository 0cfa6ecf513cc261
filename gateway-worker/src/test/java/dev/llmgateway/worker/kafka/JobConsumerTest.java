package dev.llmgateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.core.cost.CostCalculator;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.worker.execution.GenerationExecutor;
import dev.llmgateway.worker.execution.RetryPolicy;
import dev.llmgateway.worker.provider.ProviderClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer thread's life cycle; Kafka semantics are tested against a real broker in JobConsumerIT. */
class JobConsumerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aConsumerEndedByAnUnexpectedErrorNoLongerReportsAssigned() throws InterruptedException {
        MockConsumer<byte[], byte[]> kafka = new MockConsumer<>("earliest");
        TopicPartition partition = new TopicPartition(Topics.REQUESTS.name(), 0);
        kafka.updateBeginningOffsets(Map.of(partition, 0L));
        kafka.schedulePollTask(() -> kafka.rebalance(List.of(partition)));
        GenerationExecutor executor = new GenerationExecutor(() -> ProviderCatalog.EMPTY, new ProviderClients(Map.of()),
                null, new CostCalculator(PriceTable.defaults()), new Router(), timer, Clock.systemUTC(), RetryPolicy.DEFAULT);
        JobConsumer consumer = new JobConsumer(kafka, executor, new ResultPublisher(null, Clock.systemUTC()),
                Runnable::run, timer, 10);
        Thread thread = new Thread(consumer, "job-consumer-test");
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(consumer::isAssigned);

        kafka.setPollException(new KafkaException("the broker answered nonsense"));
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(consumer.isAssigned()).isFalse();
        assertThat(kafka.closed()).isTrue();
    }
}
