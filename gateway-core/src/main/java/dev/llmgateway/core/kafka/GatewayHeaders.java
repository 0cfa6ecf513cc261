package dev.llmgateway.core.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Kafka header names of the public contract, and UTF-8 access to them. */
public final class GatewayHeaders {
    /** Echoed on the reply so the requester can match it to its pending request. */
    public static final String CORRELATION_ID = "correlation-id";
    /** Where the worker sends the {@code GenerationResult}; {@code llm.results} when absent. */
    public static final String REPLY_TOPIC = "reply-topic";
    /**
     * Set by the API on jobs it has already counted against the provider's rate limit; workers
     * pace every other job (batch producers') against the same limit instead.
     */
    public static final String ADMITTED = "rate-limit-admitted";
    /**
     * On reply-topic records: {@value #CHUNK} for a {@code GenerationChunk} of a streamed job;
     * absent (or {@value #RESULT}) for a {@code GenerationResult}. Readers that want only results skip chunks.
     */
    public static final String MESSAGE_TYPE = "message-type";
    public static final String CHUNK = "chunk";
    public static final String RESULT = "result";
    /** On dead-lettered records: why the job could not be processed. */
    public static final String ERROR_REASON = "error-reason";
    /** On dead-lettered records: the topic, partition and offset the record came from. */
    public static final String ORIGINAL_TOPIC = "original-topic";
    public static final String ORIGINAL_PARTITION = "original-partition";
    public static final String ORIGINAL_OFFSET = "original-offset";

    private GatewayHeaders() {
    }

    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Whether a reply-topic record is a {@code GenerationChunk} rather than a {@code GenerationResult}. */
    public static boolean isChunk(Headers headers) {
        return CHUNK.equals(get(headers, MESSAGE_TYPE));
    }

    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
