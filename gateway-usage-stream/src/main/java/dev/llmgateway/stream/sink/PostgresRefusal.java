package dev.llmgateway.stream.sink;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether Postgres refused a write because of the data itself (a value out of range, text it
 * cannot hold, a row too big to index), which no retry changes, rather than because it was
 * unreachable or busy, which a retry outlasts.
 */
final class PostgresRefusal {
    /** SQLSTATE classes: data exception, integrity constraint violation, program limit exceeded. */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private PostgresRefusal() {
    }

    static boolean isRefusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return DATA_CLASSES.contains(sql.getSQLState().substring(0, 2));
            }
        }
        return false;
    }
}
