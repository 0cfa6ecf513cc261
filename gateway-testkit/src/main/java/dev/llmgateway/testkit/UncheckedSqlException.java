package dev.llmgateway.testkit;

import java.sql.SQLException;

/** A failed statement of a fixture helper; {@link #getCause()} is the driver's exception. */
public class UncheckedSqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UncheckedSqlException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
