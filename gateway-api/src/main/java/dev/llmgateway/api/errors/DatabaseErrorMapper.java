package dev.llmgateway.api.errors;

import dev.llmgateway.api.db.PostgresErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database failure no resource turned into an answer: 503 {@code unavailable} when Postgres
 * cannot be reached (the caller may retry), else a bug like any other.
 */
public final class DatabaseErrorMapper implements ExceptionMapper<JdbiException> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrorMapper.class);

    private final UnexpectedErrorMapper unexpected = new UnexpectedErrorMapper();

    @Override
    public Response toResponse(JdbiException e) {
        if (PostgresErrors.isUnreachable(e)) {
            LOG.debug("Postgres unreachable: SQLSTATE {}", PostgresErrors.sqlState(e).orElse("none"));
            return ApiExceptionMapper.respond(ApiException.unavailable("the database is unreachable; retry shortly"));
        }
        return unexpected.toResponse(e);
    }
}
