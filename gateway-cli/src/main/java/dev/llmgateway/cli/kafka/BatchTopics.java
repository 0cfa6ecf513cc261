package dev.llmgateway.cli.kafka;

import dev.llmgateway.cli.errors.GatewayUnavailableException;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The topics a batch run needs: the gateway's {@code llm.requests}, and a reply topic. */
public final class BatchTopics {
    private static final Logger LOG = LoggerFactory.getLogger(BatchTopics.class);
    private static final long WAIT_SECONDS = 20;

    private final Admin admin;
    private final KafkaFactory kafka;

    public BatchTopics(Admin admin, KafkaFactory kafka) {
        this.admin = admin;
        this.kafka = kafka;
    }

    /** Fails with a message a person can act on when Kafka is unreachable or has no gateway. */
    public void requireRequestsTopic() {
        String bootstrap = kafka.getBootstrapServers();
        try {
            admin.describeTopics(List.of(Topics.REQUESTS.name())).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new GatewayUnavailableException("Kafka at " + bootstrap + " has no topic " + Topics.REQUESTS.name()
                        + ": is a gateway (its worker creates the topics) running against it?", e.getCause());
            }
            throw unreachable(bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("interrupted while connecting to Kafka at " + bootstrap, e);
        }
    }

    /** Creates the reply topic unless it exists (one partition, short retention, as every reply topic). */
    public void ensureReplyTopic(String name) {
        try {
            new TopicInitializer(admin, kafka).createReplyTopic(name, 1);
        } catch (IllegalStateException e) {
            throw new GatewayUnavailableException("cannot create the reply topic " + name + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a topic nobody reads any more; a failure is only logged. */
    public void deleteQuietly(String name) {
        try {
            admin.deleteTopics(List.of(name)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not delete the reply topic {} (its retention is one hour): {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static GatewayUnavailableException unreachable(String bootstrap, Throwable cause) {
        return new GatewayUnavailableException("cannot reach Kafka at " + bootstrap + " (" + cause.getMessage()
                + "); check --bootstrap or GATEWAY_KAFKA_BOOTSTRAP", cause);
    }
}
