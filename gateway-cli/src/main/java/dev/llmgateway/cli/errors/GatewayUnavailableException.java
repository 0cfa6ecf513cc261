package dev.llmgateway.cli.errors;

/** Kafka cannot be reached, or is not a gateway's (exit code 3); the message says what was tried. */
public final class GatewayUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
