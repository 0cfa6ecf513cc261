package dev.llmgateway.stream.topology;

import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.stream.UsageStreamSettings;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** The Kafka Streams settings of the usage stream, from the process's Kafka block and its settings. */
public final class UsageStreamsConfig {
    private UsageStreamsConfig() {
    }

    /**
     * Exactly-once (v2): the seen ids, the totals, the records to {@code llm.usage.daily} and the
     * input offsets are committed in one transaction. An unreadable usage event is logged and
     * skipped, as it can never be counted. The {@code producer}/{@code consumer} maps of the Kafka
     * block apply to the Streams clients as well.
     */
    public static Properties properties(KafkaFactory kafka, UsageStreamSettings settings) {
        Properties props = new Properties();
        kafka.getProducer().forEach((key, value) -> props.put(StreamsConfig.producerPrefix(key), value));
        kafka.getConsumer().forEach((key, value) -> props.put(StreamsConfig.consumerPrefix(key), value));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.getApplicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(kafka.getReplicationFactor()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.getStreamThreads()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.getStateDir());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        return props;
    }
}
