package dev.llmgateway.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bug: logged with an id the caller can quote, answered without internals. A request body the
 * caller broke (see {@link UnreadableBody}) is answered as the caller's error instead.
 */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Optional<ApiException> callersFault = UnreadableBody.of(e);
        if (callersFault.isPresent()) {
            LOG.debug("Unreadable request body: {}", e.toString());
            return ApiExceptionMapper.respond(callersFault.get());
        }
        String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
        LOG.error("Unexpected error {}", id, e);
        return ApiExceptionMapper.respond(new ApiException(500, "internal_error",
                "unexpected error; quote id " + id + " to the operator", List.of(), Map.of(), null));
    }
}
