package dev.llmgateway.worker.kafka;

import dev.llmgateway.core.kafka.Topics;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The topics a job may name in its {@code reply-topic} header. Not one the gateway reads for
 * something else: a result written to {@code llm.requests} would come back as a job, one on
 * {@code llm.usage} or {@code llm.usage.daily} would be read as usage, and one on Kafka's or Kafka
 * Streams' internal topics would corrupt their state. Nor a name Kafka refuses.
 */
final class ReplyTopics {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> GATEWAY_OWNED = Set.of(Topics.REQUESTS.name(), Topics.REQUESTS_DLQ.name(),
            Topics.USAGE.name(), Topics.USAGE_DAILY.name());

    private ReplyTopics() {
    }

    /** Null when a job's result may be written to {@code topic}, else why not. */
    static String refusal(String topic) {
        if (!LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            return "reply-topic is not a legal Kafka topic name";
        }
        if (GATEWAY_OWNED.contains(topic)) {
            return "reply-topic " + topic + " is a gateway topic, which takes no results";
        }
        if (topic.startsWith("__") || topic.endsWith("-changelog") || topic.endsWith("-repartition")) {
            return "reply-topic " + topic + " is an internal topic of Kafka or Kafka Streams";
        }
        return null;
    }
}
