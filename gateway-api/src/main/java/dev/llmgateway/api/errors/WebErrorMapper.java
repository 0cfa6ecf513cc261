package dev.llmgateway.api.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/** Jersey's own errors (unknown path, wrong method, wrong media type) in the API's error shape. */
public final class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = switch (status) {
            case 400 -> "invalid_json";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String message = switch (status) {
            case 404 -> "no such endpoint";
            case 415 -> "send the body as application/json";
            default -> Response.Status.fromStatusCode(status) == null ? "request failed"
                    : Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase(Locale.ROOT);
        };
        return ApiExceptionMapper.respond(new ApiException(status, type, message, java.util.List.of(),
                java.util.Map.of(), null));
    }
}
