package dev.llmgateway.testkit;

import dev.llmgateway.embedded.KafkaTopicCreator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker shared by every test of a JVM: an in-JVM KRaft broker on ephemeral ports by
 * default, stopped (and its data deleted) by a shutdown hook.
 *
 * <p>With {@code -Dgateway.test.kafka=container} it is instead a Testcontainers {@code KafkaContainer}
 * (image {@code apache/kafka:<client version>}, or {@code -Dgateway.test.kafka.image=...}); tests
 * need no change. Topics are never auto-created: create them with {@link #createTopic} first.
 * Thread-safe.
 */
public final class KafkaBroker {

    /** System property choosing the broker: {@code embedded} (default) or {@code container}. */
    public static final String MODE_PROPERTY = "gateway.test.kafka";
    /** System property naming the Docker image in container mode. */
    public static final String IMAGE_PROPERTY = "gateway.test.kafka.image";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static KafkaBroker shared;

    private final String bootstrapServers;
    private final Admin admin;
    private final TopicReader reader;

    private KafkaBroker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(adminProps(bootstrapServers));
        this.reader = new TopicReader(bootstrapServers);
    }

    /** The broker of this JVM, started on first call. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static KafkaBroker start() {
        String mode = System.getProperty(MODE_PROPERTY, "embedded");
        long startNanos = System.nanoTime();
        KafkaServer server = switch (mode) {
            case "embedded" -> InJvmKafkaServer.start();
            case "container" -> ContainerKafkaServer.start(
                    System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + AppInfoParser.getVersion()));
            default -> throw new IllegalArgumentException(
                    MODE_PROPERTY + " must be 'embedded' or 'container', was: " + mode);
        };
        LOG.info("Test Kafka broker ({}) started on {} in {} ms", mode, server.bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        KafkaBroker broker = new KafkaBroker(server.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.admin.close(Duration.ofSeconds(2));
            server.stop();
        }, "test-kafka-broker-stop"));
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topic unless it exists, and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        KafkaTopicCreator.createTopics(admin, List.of(new NewTopic(name, partitions, (short) 1)), TOPIC_TIMEOUT);
    }

    /** Creates each topic that does not exist, with one partition, and waits for their leaders. */
    public void createTopics(String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, 1, (short) 1)).toList();
        KafkaTopicCreator.createTopics(admin, topics, TOPIC_TIMEOUT);
    }

    /**
     * Reads {@code topic} from the beginning of every partition, without a consumer group and
     * seeing only committed transactional records, until {@code done} accepts the records read so
     * far (checked before each poll). The deserializers are closed afterwards.
     *
     * @return every record read, in the order polled
     * @throws AssertionError if {@code done} is still unmet after {@code deadline}
     */
    public <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, Predicate<List<ConsumerRecord<K, V>>> done, Duration deadline) {
        return reader.readUntil(topic, keyDeserializer, valueDeserializer, done, deadline);
    }

    /** Producer settings for this broker (acks=all, linger.ms=0); serializers are the caller's. */
    public Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return props;
    }

    /** Consumer settings for {@code group} starting at the earliest offset; deserializers are the caller's. */
    public Properties consumerProps(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private static Properties adminProps(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "llm-gateway-test-admin");
        return props;
    }
}
