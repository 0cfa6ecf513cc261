package dev.llmgateway.api.kafka;

/**
 * A streamed job began again from its first chunk (its worker stopped and another took the job
 * over): the answer the client has part of cannot be continued by a new one.
 */
public class StreamRestartedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String requestId;

    public StreamRestartedException(String requestId) {
        super("the worker streaming this answer stopped mid-answer; retry the request", null, false, false);
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }
}
