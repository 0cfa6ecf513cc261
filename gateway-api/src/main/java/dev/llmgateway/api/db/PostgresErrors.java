package dev.llmgateway.api.db;

import dev.llmgateway.api.errors.ApiException;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/** Recognises the constraint violations the admin API turns into answers, and everything else it cannot. */
public final class PostgresErrors {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private PostgresErrors() {
    }

    /** The SQLSTATE of the first {@link SQLException} among {@code e}'s causes. */
    public static Optional<String> sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /**
     * No connection could be had or the one in use broke: SQLSTATE class 08 (connection
     * exception) or 57P (the server shutting down), or Jdbi could not open a handle.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException) {
                return true;
            }
        }
        return sqlState(e).filter(s -> s.startsWith("08") || s.startsWith("57P")).isPresent();
    }

    public static boolean is(Throwable e, String sqlState) {
        return sqlState(e).filter(sqlState::equals).isPresent();
    }

    /**
     * What to throw for a failure the caller cannot fix: 503 when Postgres is unreachable, else a
     * bug report (500) that keeps the SQLSTATE but drops the cause, whose text may quote the
     * statement's arguments and the failing row (ciphertexts among them).
     */
    public static RuntimeException unexpected(String action, JdbiException e) {
        Optional<String> state = sqlState(e);
        if (isUnreachable(e)) {
            return ApiException.unavailable("the configuration database is unreachable; try again shortly");
        }
        return new IllegalStateException(action + " failed: SQLSTATE " + state.orElse("unknown") + " ("
                + e.getClass().getSimpleName() + ")");
    }
}
