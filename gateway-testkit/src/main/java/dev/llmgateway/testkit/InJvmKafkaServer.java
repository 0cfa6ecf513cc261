package dev.llmgateway.testkit;

import dev.llmgateway.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An {@link EmbeddedKafkaBroker} on ephemeral ports whose log directory is deleted when it stops. */
final class InJvmKafkaServer implements KafkaServer {

    private final EmbeddedKafkaBroker broker;
    private final Path logDir;

    private InJvmKafkaServer(EmbeddedKafkaBroker broker, Path logDir) {
        this.broker = broker;
        this.logDir = logDir;
    }

    static KafkaServer start() {
        try {
            Path logDir = Files.createTempDirectory("llm-gateway-test-kafka-");
            return new InJvmKafkaServer(EmbeddedKafkaBroker.start(logDir, 0, 0), logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Kafka log directory", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void stop() {
        broker.close();
        Directories.deleteRecursively(logDir);
    }
}
