package dev.llmgateway.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.testkit.KafkaBroker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReplyReaderIT {
    private final KafkaBroker kafka = KafkaBroker.shared();

    @Test
    void theChunksOfAStreamedJobAreSkippedQuietlyAndItsResultIsRead() throws Exception {
        String topic = "reply-reader-it." + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        KafkaFactory factory = new KafkaFactory();
        factory.setBootstrapServers(kafka.bootstrapServers());
        List<GenerationResult> read = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ReplyReader.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        GenerationResult result = GenerationResult.succeeded("job-1", "Hello there", "mock", "mock-1", "stop",
                new TokenUsage(1, 2), BigDecimal.ZERO, 5);

        try (ReplyReader reader = ReplyReader.start(factory, "reply-reader-it", topic, read::add);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps(),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String delta : List.of("Hello", " there")) {
                ProducerRecord<byte[], byte[]> chunk = Topics.CHUNKS.named(topic).record("job-1",
                        new GenerationChunk("job-1", delta.startsWith(" ") ? 1 : 0, delta, "mock", "mock-1"));
                GatewayHeaders.put(chunk.headers(), GatewayHeaders.MESSAGE_TYPE, GatewayHeaders.CHUNK);
                producer.send(chunk);
            }
            producer.send(Topics.RESULTS.named(topic).record("job-1", result)).get();

            await().atMost(Duration.ofSeconds(30)).until(() -> !read.isEmpty());
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(read).containsExactly(result);
        assertThat(logged.list).isEmpty();
    }
}
