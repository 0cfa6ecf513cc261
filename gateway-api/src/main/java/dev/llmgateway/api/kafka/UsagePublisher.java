package dev.llmgateway.api.kafka;

import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.UsageEvent;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage of requests the API answers itself (cache hits, followers of a failed identical request),
 * on {@code llm.usage} like the workers'.
 */
public final class UsagePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(UsagePublisher.class);

    private final Producer<byte[], byte[]> producer;

    public UsagePublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    public void publish(UsageEvent event) {
        try {
            producer.send(Topics.USAGE.record(event.requestId(), event), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("Usage of request {} not recorded: {}", event.requestId(), error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Usage of request {} not recorded: {}", event.requestId(), e.getMessage());
        }
    }
}
