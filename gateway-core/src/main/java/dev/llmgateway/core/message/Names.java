package dev.llmgateway.core.message;

/**
 * The rule for the names a message carries (request id, user, service, provider, model), as the
 * REST API applies it to callers: at most {@value #MAX_CHARS} characters, none of them a control
 * character. Postgres cannot store NUL, and it indexes these names, so an unbounded one would make
 * a usage event that can never be written.
 */
final class Names {
    static final int MAX_CHARS = 256;

    private Names() {
    }

    /** @throws IllegalArgumentException if {@code value} is null, blank, too long or has a control character */
    static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        check(value, field);
    }

    /** Like {@link #require} for a name that may be absent or empty. */
    static void optional(String value, String field) {
        if (value != null) {
            check(value, field);
        }
    }

    private static void check(String value, String field) {
        if (value.length() > MAX_CHARS) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_CHARS + " characters, got " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must not contain control characters");
        }
    }
}
