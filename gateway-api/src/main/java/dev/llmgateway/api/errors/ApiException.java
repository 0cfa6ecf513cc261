package dev.llmgateway.api.errors;

import dev.llmgateway.api.errors.ApiError.FieldError;
import java.util.List;
import java.util.Map;

/**
 * An error the caller can act on, with its HTTP status and machine word from API.md. Mapped once
 * by {@link ApiExceptionMapper}. Carries no stack trace: it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final transient List<FieldError> fields;
    private final transient Map<String, String> headers;
    private final String requestId;

    public ApiException(int status, String type, String message, List<FieldError> fields,
            Map<String, String> headers, String requestId) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.fields = List.copyOf(fields);
        this.headers = Map.copyOf(headers);
        this.requestId = requestId;
    }

    public static ApiException invalidJson(String message) {
        return new ApiException(400, "invalid_json", message, List.of(), Map.of(), null);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "missing or invalid API key: send 'Authorization: Bearer <key>' or 'X-Service-Key: <key>'",
                List.of(), Map.of("WWW-Authenticate", "Bearer"), null);
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden", "this endpoint needs the admin key", List.of(), Map.of(), null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, List.of(), Map.of(), null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, List.of(), Map.of(), null);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, "payload_too_large",
                "request body is larger than the limit of " + limitBytes + " bytes", List.of(), Map.of(), null);
    }

    public static ApiException validation(List<FieldError> fields) {
        String message = fields.size() == 1 ? fields.get(0).field() + ": " + fields.get(0).message()
                : fields.size() + " fields are invalid";
        return new ApiException(422, "validation_error", message, fields, Map.of(), null);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", message, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))), null);
    }

    public static ApiException providerError(String message, String requestId) {
        return new ApiException(502, "provider_error", message, List.of(), Map.of(), requestId);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, List.of(), Map.of("Retry-After", "1"), null);
    }

    public static ApiException timeout(String message, String requestId) {
        return new ApiException(504, "timeout", message, List.of(), Map.of(), requestId);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public ApiError toError() {
        return new ApiError(new ApiError.Body(type, getMessage(), fields, requestId));
    }

    public Map<String, String> headers() {
        return headers;
    }
}
