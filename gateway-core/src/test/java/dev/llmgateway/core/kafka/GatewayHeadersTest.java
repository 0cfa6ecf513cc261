package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class GatewayHeadersTest {

    @Test
    void readsBackAHeaderAsUtf8() {
        RecordHeaders headers = new RecordHeaders();

        GatewayHeaders.put(headers, GatewayHeaders.REPLY_TOPIC, "llm.replies.api-1");
        GatewayHeaders.put(headers, GatewayHeaders.ERROR_REASON, "prompt über limit");

        assertThat(GatewayHeaders.get(headers, "reply-topic")).isEqualTo("llm.replies.api-1");
        assertThat(GatewayHeaders.get(headers, "error-reason")).isEqualTo("prompt über limit");
    }

    @Test
    void replacesAHeaderInsteadOfAddingASecondOne() {
        RecordHeaders headers = new RecordHeaders();

        GatewayHeaders.put(headers, GatewayHeaders.CORRELATION_ID, "first");
        GatewayHeaders.put(headers, GatewayHeaders.CORRELATION_ID, "second");

        assertThat(headers.headers("correlation-id")).hasSize(1);
        assertThat(GatewayHeaders.get(headers, "correlation-id")).isEqualTo("second");
    }

    @Test
    void answersNullForAnAbsentHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("reply-topic", null);

        assertThat(GatewayHeaders.get(headers, "correlation-id")).isNull();
        assertThat(GatewayHeaders.get(headers, "reply-topic")).isNull();
    }

    @Test
    void tellsChunksFromResultsByTheirMessageType() {
        RecordHeaders chunk = new RecordHeaders();
        GatewayHeaders.put(chunk, GatewayHeaders.MESSAGE_TYPE, "chunk");
        RecordHeaders result = new RecordHeaders();
        RecordHeaders labelledResult = new RecordHeaders();
        GatewayHeaders.put(labelledResult, GatewayHeaders.MESSAGE_TYPE, "result");

        assertThat(GatewayHeaders.isChunk(chunk)).isTrue();
        assertThat(GatewayHeaders.isChunk(result)).isFalse();
        assertThat(GatewayHeaders.isChunk(labelledResult)).isFalse();
    }
}
