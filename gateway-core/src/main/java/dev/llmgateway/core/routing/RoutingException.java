package dev.llmgateway.core.routing;

/** Why a request could not be routed; {@link Reason} tells the API which status to answer. */
public class RoutingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The caller named a provider or model no enabled provider offers: the caller's mistake. */
        INVALID_CHOICE,
        /** No enabled provider at all: the operator's problem, the caller may retry later. */
        NO_PROVIDER
    }

    private final Reason reason;
    private final String field;

    public RoutingException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, for {@link Reason#INVALID_CHOICE}; null otherwise. */
    public String field() {
        return field;
    }
}
