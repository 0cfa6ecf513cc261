package dev.llmgateway.api.faults;

import dev.llmgateway.testkit.fakeprovider.Behavior;
import dev.llmgateway.testkit.fakeprovider.Hang;
import java.util.List;

/** How a fake provider answers one call: normally, or with one of the faults real providers show. */
enum Step {
    OK,
    SERVER_ERROR,
    /** Held open past the provider's timeout. */
    HANG,
    /** A 200's headers, then the body held past the provider's timeout. */
    STALLED_BODY,
    /** 429 with {@code Retry-After: 1}. */
    RATE_LIMITED,
    MALFORMED_BODY,
    CONNECTION_CLOSED,
    /** 200 with an answer that parses, in either vendor's format, but counts -1 tokens. */
    IMPOSSIBLE_USAGE,
    /** 400: no retry can mend it, the next provider is tried at once. */
    REJECTED;

    static final List<Step> RETRYABLE_FAULTS =
            List.of(SERVER_ERROR, HANG, STALLED_BODY, RATE_LIMITED, MALFORMED_BODY, CONNECTION_CLOSED, IMPOSSIBLE_USAGE);
    static final List<Step> FAULTS = List.of(SERVER_ERROR, HANG, STALLED_BODY, RATE_LIMITED, MALFORMED_BODY,
            CONNECTION_CLOSED, IMPOSSIBLE_USAGE, REJECTED);
    private static final String NEGATIVE_USAGE = "{\"content\": [{\"type\": \"text\", \"text\": \"hi\"}], "
            + "\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"hi\"}}], "
            + "\"usage\": {\"input_tokens\": -1, \"output_tokens\": -1, \"prompt_tokens\": -1, \"completion_tokens\": -1}}";

    boolean retryable() {
        return this != REJECTED;
    }

    /**
     * @param hang what a hang answers, a {@link Behavior#hang()}
     * @param stall what a stalled body answers, a {@link Behavior#hangMidBody()}
     */
    Behavior behavior(Hang hang, Hang stall) {
        return switch (this) {
            case OK -> Behavior.echo();
            case SERVER_ERROR -> Behavior.status(500);
            case HANG -> hang;
            case STALLED_BODY -> stall;
            case RATE_LIMITED -> Behavior.rateLimited(1);
            case MALFORMED_BODY -> Behavior.malformedBody();
            case CONNECTION_CLOSED -> Behavior.closeConnection();
            case IMPOSSIBLE_USAGE -> Behavior.rawAnswer(NEGATIVE_USAGE);
            case REJECTED -> Behavior.status(400);
        };
    }
}
