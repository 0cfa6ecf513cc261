package dev.llmgateway.core.db;

/** A schema migration could not be applied; the cause says why. */
public class MigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
