package dev.llmgateway.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The one error shape of API.md: {@code {"error": {"type", "message", "fields"?, "id"?}}}. */
public record ApiError(Body error) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Body(String type, String message, List<FieldError> fields, String id) {
    }

    public record FieldError(String field, String message) {
    }

    public static ApiError of(String type, String message) {
        return new ApiError(new Body(type, message, List.of(), null));
    }
}
