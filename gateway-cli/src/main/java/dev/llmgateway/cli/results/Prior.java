package dev.llmgateway.cli.results;

import dev.llmgateway.core.message.GenerationResult;
import java.util.regex.Pattern;

/**
 * What an earlier run wrote for an id, as far as a rerun cares. A success, and a job the gateway
 * rejected as invalid, are final: sending the line again would not change the answer. A line this
 * tool rejected ({@code line <n>: ...}) is checked again on every run, so a fixed line is sent.
 * Any other failure (provider error, timeout, gateway unavailable) is retried by a rerun.
 */
public record Prior(Kind kind, String errorType, String message) {
    private static final String VALIDATION_ERROR = "validation_error";
    private static final Pattern INPUT_REJECTION = Pattern.compile("^line \\d+: ");

    private static final Prior SUCCEEDED = new Prior(Kind.SUCCEEDED, null, null);

    public enum Kind { SUCCEEDED, INPUT_REJECTED, GATEWAY_REJECTED, FAILED }

    public static Prior of(GenerationResult result) {
        if (result.isSuccess()) {
            return SUCCEEDED; // one instance for the many: a rerun holds a Prior per line
        }
        String type = result.error().type();
        if (!VALIDATION_ERROR.equals(type)) {
            return new Prior(Kind.FAILED, type, null);
        }
        return INPUT_REJECTION.matcher(result.error().message()).find()
                ? new Prior(Kind.INPUT_REJECTED, VALIDATION_ERROR, result.error().message())
                : new Prior(Kind.GATEWAY_REJECTED, VALIDATION_ERROR, null);
    }

    /** A usable line with this prior result need not be sent again. */
    public boolean isFinal() {
        return kind == Kind.SUCCEEDED || kind == Kind.GATEWAY_REJECTED;
    }

    /** The output already holds exactly this rejection of the line. */
    public boolean isSameRejection(String rejection) {
        return kind == Kind.INPUT_REJECTED && message.equals(rejection);
    }
}
