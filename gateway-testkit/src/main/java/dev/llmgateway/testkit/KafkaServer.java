package dev.llmgateway.testkit;

/** A running Kafka cluster the test JVM talks to. */
interface KafkaServer {

    String bootstrapServers();

    void stop();
}
