package dev.llmgateway.api.kafka;

/** No reply before the request's deadline; the job goes on and its id can be looked up later. */
public class ReplyTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String requestId;

    public ReplyTimeoutException(String requestId, long timeoutMs) {
        super("no answer within " + timeoutMs + " ms; the job " + requestId + " goes on, and GET /api/v1/jobs/"
                + requestId + " answers once it is done", null, false, false);
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }
}
