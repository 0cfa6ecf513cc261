package dev.llmgateway.worker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationResult;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a job that cannot be processed to {@code llm.requests.dlq}, bytes untouched, with the
 * reason and origin in headers. When the job still names an id and a reply topic that may take
 * results ({@link ReplyTopics}), its producer also gets a failed result saying why, so a batch
 * producer is not left waiting.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final ResultPublisher publisher;

    DeadLetters(ResultPublisher publisher) {
        this.publisher = publisher;
    }

    CompletableFuture<Void> send(ConsumerRecord<byte[], byte[]> record, String reason) {
        LOG.warn("Job at {}-{}@{} is not processable, sending it to {}: {}", record.topic(), record.partition(),
                record.offset(), Topics.REQUESTS_DLQ.name(), reason);
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.REQUESTS_DLQ.name(), record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        GatewayHeaders.put(dead.headers(), GatewayHeaders.ERROR_REASON, reason);
        GatewayHeaders.put(dead.headers(), GatewayHeaders.ORIGINAL_TOPIC, record.topic());
        GatewayHeaders.put(dead.headers(), GatewayHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        GatewayHeaders.put(dead.headers(), GatewayHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        CompletableFuture<Void> dlq = publisher.send(dead);
        String id = idOf(record);
        String replyTopic = GatewayHeaders.get(record.headers(), GatewayHeaders.REPLY_TOPIC);
        if (id == null || replyTopic == null || ReplyTopics.refusal(replyTopic) != null) {
            return dlq;
        }
        GenerationResult failed = GenerationResult.failed(id, null, null,
                new ErrorInfo("validation_error", "job rejected: " + reason), 0);
        ProducerRecord<byte[], byte[]> reply = Topics.RESULTS.named(replyTopic).record(id, failed);
        String correlation = GatewayHeaders.get(record.headers(), GatewayHeaders.CORRELATION_ID);
        GatewayHeaders.put(reply.headers(), GatewayHeaders.CORRELATION_ID, correlation == null ? id : correlation);
        return CompletableFuture.allOf(dlq, publisher.send(reply).exceptionally(e -> null));
    }

    private static String idOf(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode id = Json.mapper().readTree(record.value()).path("id");
            return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
