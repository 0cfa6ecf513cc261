package dev.llmgateway.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running inside this JVM: one KRaft node that is both broker and
 * controller, listening on 127.0.0.1 in PLAINTEXT, every internal topic at replication factor 1
 * (transactions and Kafka Streams exactly-once work), topic auto-creation off.
 *
 * <p>The log directory is formatted on first use and reused afterwards, so a broker restarted on
 * the same directory keeps its topics, records and committed offsets. Only one broker may use a
 * directory at a time. The broker's own loggers are lowered to WARN when logback is the slf4j
 * backend and the application has not set them.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        Properties adminProps = new Properties();
        adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProps.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-broker-admin");
        this.admin = Admin.create(adminProps);
    }

    /**
     * Starts a broker on {@code logDir} (created if missing, formatted unless it already holds a
     * node) and returns once it accepts clients.
     *
     * @param port the client (PLAINTEXT) port, 0 for any free port
     * @param controllerPort the KRaft controller port, 0 for any free port
     * @throws IllegalStateException if the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, int controllerPort) {
        FreePorts.requireValid("port", port);
        FreePorts.requireValid("controllerPort", controllerPort);
        QuietKafkaLogging.apply();
        int clientPort = port == 0 ? FreePorts.pickOther(controllerPort) : port;
        int quorumPort = controllerPort == 0 ? FreePorts.pickOther(clientPort) : controllerPort;
        long startNanos = System.nanoTime();
        KafkaRaftServer server = null;
        try {
            Files.createDirectories(logDir);
            KafkaConfig config = new KafkaConfig(KafkaBrokerProperties.of(logDir, clientPort, quorumPort), false);
            KafkaLogDirectory.formatIfNeeded(logDir, config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            if (server != null) {
                shutdown(server);
            }
            throw new IllegalStateException("Kafka broker on " + logDir + " (port " + clientPort
                    + ", controller port " + quorumPort + ") did not start", e);
        }
        LOG.info("Kafka broker started on 127.0.0.1:{} in {} ms (log directory {})",
                clientPort, Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), logDir);
        return new EmbeddedKafkaBroker(server, "127.0.0.1:" + clientPort);
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and returns
     * once every partition of every given topic has a leader.
     *
     * @throws IllegalStateException if a topic cannot be created or gets no leader in time
     */
    public void createTopics(Collection<NewTopic> topics) {
        KafkaTopicCreator.createTopics(admin, topics, TOPIC_TIMEOUT);
    }

    /** Stops the broker and waits until it has shut down; its log directory stays on disk. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            admin.close(Duration.ofSeconds(5));
            shutdown(server);
            LOG.info("Kafka broker on {} stopped", bootstrapServers);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers + "]";
    }
}
