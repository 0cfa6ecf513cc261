package dev.llmgateway.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyTopicsTest {
    @Test
    void acceptsTheResultsTopicRepliesOfApiInstancesAndABatchProducersOwnTopic() {
        assertThat(ReplyTopics.refusal("llm.results")).isNull();
        assertThat(ReplyTopics.refusal("llm.replies.api-1")).isNull();
        assertThat(ReplyTopics.refusal("nightly-batch.results_2")).isNull();
    }

    @Test
    void refusesTheGatewaysOwnTopicsWhichWouldReadAResultAsAJobOrAsUsage() {
        for (String topic : new String[] {"llm.requests", "llm.requests.dlq", "llm.usage", "llm.usage.daily"}) {
            assertThat(ReplyTopics.refusal(topic)).as(topic).contains("gateway topic");
        }
    }

    @Test
    void refusesInternalTopicsOfKafkaAndKafkaStreams() {
        for (String topic : new String[] {"__consumer_offsets", "__transaction_state",
                "gateway-usage-stream-usage-daily-totals-changelog", "gateway-usage-stream-usage-by-day-repartition"}) {
            assertThat(ReplyTopics.refusal(topic)).as(topic).contains("internal topic");
        }
    }

    @Test
    void refusesNamesKafkaRefuses() {
        for (String topic : new String[] {"", ".", "..", "a b", "../../etc/passwd", "a\u0000b", "t".repeat(250), "é"}) {
            assertThat(ReplyTopics.refusal(topic)).as(topic).contains("not a legal Kafka topic name");
        }
    }
}
