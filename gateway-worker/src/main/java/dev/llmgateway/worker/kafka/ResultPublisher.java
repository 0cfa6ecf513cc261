package dev.llmgateway.worker.kafka;

import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.UsageEvent;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a job's result to its reply topic and its usage event to {@code llm.usage}. The future
 * completes when both are acknowledged, which is when the job's offset may be committed. A reply
 * that cannot be delivered (its topic is gone) is logged and given up: nobody can read it; usage is
 * never given up, the producer retries it within its delivery timeout and the job stays pending.
 * A streamed job's chunks go to the same reply topic first, best effort: the final result carries
 * the whole answer, so a lost chunk costs a streaming client only that piece.
 */
public final class ResultPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ResultPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final Clock clock;

    public ResultPublisher(Producer<byte[], byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public CompletableFuture<Void> publish(GenerationRequest request, GenerationResult result, String replyTopic,
            String correlationId) {
        ProducerRecord<byte[], byte[]> reply = Topics.RESULTS.named(replyTopic).record(result.id(), result);
        GatewayHeaders.put(reply.headers(), GatewayHeaders.CORRELATION_ID, correlationId);
        CompletableFuture<Void> replied = send(reply).exceptionally(e -> {
            LOG.warn("Job {}: reply to {} could not be delivered ({}); usage is still counted",
                    result.id(), replyTopic, e.getMessage());
            return null;
        });
        CompletableFuture<Void> counted = send(Topics.USAGE.record(result.id(), UsageEvent.of(request, result, clock.instant())));
        return CompletableFuture.allOf(replied, counted);
    }

    /**
     * Sends one chunk, keyed by its request id like the result, so the chunks and the result that
     * ends them stay in order in one partition. Never throws and never waits.
     */
    public void publishChunk(GenerationChunk chunk, String replyTopic, String correlationId) {
        ProducerRecord<byte[], byte[]> record = Topics.CHUNKS.named(replyTopic).record(chunk.requestId(), chunk);
        GatewayHeaders.put(record.headers(), GatewayHeaders.CORRELATION_ID, correlationId);
        GatewayHeaders.put(record.headers(), GatewayHeaders.MESSAGE_TYPE, GatewayHeaders.CHUNK);
        send(record).exceptionally(e -> {
            LOG.debug("Job {}: chunk {} to {} not delivered: {}", chunk.requestId(), chunk.index(), replyTopic,
                    e.getMessage());
            return null;
        });
    }

    CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(null);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
