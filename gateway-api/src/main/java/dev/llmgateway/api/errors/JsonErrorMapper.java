package dev.llmgateway.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.core.kafka.JsonErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not JSON, or JSON of the wrong types: 400 {@code invalid_json}. */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return ApiExceptionMapper.respond(api);
            }
        }
        return ApiExceptionMapper.respond(ApiException.invalidJson("request body is not valid: " + JsonErrors.describe(e)));
    }
}
