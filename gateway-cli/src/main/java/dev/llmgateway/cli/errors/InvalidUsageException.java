package dev.llmgateway.cli.errors;

/** The command line or a file it names cannot be used as given (exit code 2); the message says why. */
public final class InvalidUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidUsageException(String message) {
        super(message);
    }
}
