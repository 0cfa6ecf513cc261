package dev.llmgateway.core.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a process uses when they do not exist yet; existing topics are left as they
 * are. Every process runs it at start, so any one of them can be started first.
 */
public final class TopicInitializer {
    private static final String ONE_DAY_MS = Long.toString(TimeUnit.DAYS.toMillis(1));
    private static final String ONE_HOUR_MS = Long.toString(TimeUnit.HOURS.toMillis(1));
    private static final String SEVEN_DAYS_MS = Long.toString(TimeUnit.DAYS.toMillis(7));

    private final Admin admin;
    private final KafkaFactory kafka;

    public TopicInitializer(Admin admin, KafkaFactory kafka) {
        this.admin = admin;
        this.kafka = kafka;
    }

    /** The shared topics of DESIGN.md. */
    public void createSharedTopics() {
        int partitions = kafka.getRequestPartitions();
        create(List.of(
                topic(Topics.REQUESTS.name(), partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, ONE_DAY_MS)),
                topic(Topics.RESULTS.name(), partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS)),
                topic(Topics.USAGE.name(), partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS)),
                topic(Topics.USAGE_DAILY.name(), partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)),
                topic(Topics.REQUESTS_DLQ.name(), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS))));
    }

    /** A per-instance reply topic: short retention, nobody reads it after the instance is gone. */
    public void createReplyTopic(String name, int partitions) {
        create(List.of(topic(name, partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, ONE_HOUR_MS))));
    }

    private NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, partitions, kafka.getReplicationFactor()).configs(configs);
    }

    private void create(Collection<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topics at " + kafka.getBootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }
}
