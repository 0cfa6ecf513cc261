package dev.llmgateway.api.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;

/** Jersey's own errors (unknown path, wrong method, wrong media type) in the API's error shape. */
public final class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // A 400 from Jersey means the body could not be read as JSON (API.md's invalid_json).
        String type = status == 400 ? "invalid_json" : ErrorTypes.type(status);
        String message = switch (status) {
            case 404 -> "no such endpoint";
            case 415 -> "send the body as application/json";
            default -> ErrorTypes.reason(status);
        };
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return ApiExceptionMapper.respond(new ApiException(status, type, message, List.of(),
                allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow), null));
    }
}
