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
    /** 429 with {@code Retry-After: 1}. */
    RATE_LIMITED,
    MALFORMED_BODY,
    CONNECTION_CLOSED;

    static final List<Step> FAULTS = List.of(SERVER_ERROR, HANG, RATE_LIMITED, MALFORMED_BODY, CONNECTION_CLOSED);

    Behavior behavior(Hang hang) {
        return switch (this) {
            case OK -> Behavior.echo();
            case SERVER_ERROR -> Behavior.status(500);
            case HANG -> hang;
            case RATE_LIMITED -> Behavior.rateLimited(1);
            case MALFORMED_BODY -> Behavior.malformedBody();
            case CONNECTION_CLOSED -> Behavior.closeConnection();
        };
    }
}
