package dev.llmgateway.testkit;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker in a Docker container, configured like the in-JVM one. Only loaded when
 * {@code -Dgateway.test.kafka=container} asks for it, so the default path needs no Docker.
 */
final class ContainerKafkaServer implements KafkaServer {

    private final KafkaContainer container;

    private ContainerKafkaServer(KafkaContainer container) {
        this.container = container;
    }

    static KafkaServer start(String image) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1");
        container.start();
        return new ContainerKafkaServer(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void stop() {
        container.stop();
    }
}
