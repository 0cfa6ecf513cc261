package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.TokenUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @Test
    void namesThePublicTopicsAsDocumented() {
        assertThat(Topics.REQUESTS.name()).isEqualTo("llm.requests");
        assertThat(Topics.RESULTS.name()).isEqualTo("llm.results");
        assertThat(Topics.USAGE.name()).isEqualTo("llm.usage");
        assertThat(Topics.USAGE_DAILY.name()).isEqualTo("llm.usage.daily");
        assertThat(Topics.REQUESTS_DLQ.name()).isEqualTo("llm.requests.dlq");
    }

    @Test
    void namesAReplyTopicPerApiInstance() {
        assertThat(Topics.replies("api-1").name()).isEqualTo("llm.replies.api-1");
        assertThat(Topics.replies("host_7.eu-west").name()).isEqualTo("llm.replies.host_7.eu-west");
        assertThat(Topics.replies("a".repeat(200)).name()).hasSize("llm.replies.".length() + 200);
    }

    @Test
    void carriesResultsOnReplyTopicsLikeOnTheResultsTopic() {
        Topic<String, GenerationResult> replies = Topics.replies("api-1");
        GenerationResult result = GenerationResult.succeeded("gen_1", "Hi", "mock", "mock-1", "stop",
                new TokenUsage(1, 1), BigDecimal.ZERO, 3);

        ConsumerRecord<byte[], byte[]> received = received(replies.record("gen_1", result));

        assertThat(received.topic()).isEqualTo("llm.replies.api-1");
        assertThat(replies.key(received)).isEqualTo("gen_1");
        assertThat(replies.value(received)).isEqualTo(result);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"api 1", "api/1", "api:1", "ünïcode", "api\n1"})
    void rejectsAnInstanceIdThatIsNotAValidTopicSuffix(String instanceId) {
        assertThatThrownBy(() -> Topics.replies(instanceId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance id")
                .hasMessageContaining("'" + instanceId + "'");
    }

    @Test
    void rejectsAnInstanceIdTooLongForATopicName() {
        assertThatThrownBy(() -> Topics.replies("a".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance id");
    }

    @Test
    void producesRecordsKeyedByRequestIdWithJsonValues() {
        GenerationRequest request = GenerationRequest.builder("gen_1", "u1", "s").prompt("Hi").build();

        ProducerRecord<byte[], byte[]> record = Topics.REQUESTS.record("gen_1", request);

        assertThat(record.topic()).isEqualTo("llm.requests");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("gen_1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{\"id\":\"gen_1\"");
        assertThat(Topics.REQUESTS.value(received(record))).isEqualTo(request);
    }

    @Test
    void keepsDeadLetteredBytesUntouched() {
        byte[] poison = {(byte) 0xff, 0x00, '{'};

        ProducerRecord<byte[], byte[]> record = Topics.REQUESTS_DLQ.record(poison, poison);

        assertThat(record.key()).isEqualTo(poison);
        assertThat(Topics.REQUESTS_DLQ.value(received(record))).isEqualTo(poison);
    }

    private static ConsumerRecord<byte[], byte[]> received(ProducerRecord<byte[], byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
    }
}
