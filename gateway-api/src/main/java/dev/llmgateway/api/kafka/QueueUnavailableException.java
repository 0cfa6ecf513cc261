package dev.llmgateway.api.kafka;

/** The job could not be handed to Kafka, or this instance is shutting down. */
public class QueueUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueUnavailableException(String message) {
        super(message, null, false, false);
    }
}
