package dev.llmgateway.api.openai;

import dev.llmgateway.api.errors.ApiError;
import dev.llmgateway.api.wire.openai.OpenAiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Rewrites every error under {@code /v1/} (the OpenAI-compatible endpoints) from the gateway's
 * shape into OpenAI's, {@code {"error": {"message", "type", "param", "code"}}}, with the status
 * OpenAI would answer, so its SDKs raise their usual exceptions. Works on the error entity, so
 * errors of filters (401, 413), of Jersey (404, 405, 415) and of the resources are all covered.
 * The gateway's machine word becomes {@code code} where OpenAI has none of its own.
 */
@Priority(Priorities.ENTITY_CODER)
public final class OpenAiErrorFilter implements ContainerResponseFilter {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof ApiError error) || !isOpenAiPath(request.getUriInfo().getPath())) {
            return;
        }
        ApiError.Body body = error.error();
        int status = response.getStatus();
        String param = body.fields() == null || body.fields().isEmpty() ? null : param(body.fields().get(0).field());
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        String code = body.type();
        switch (body.type()) {
            case "validation_error" -> status = 400;
            case "unauthorized" -> code = "invalid_api_key";
            case "rate_limited" -> {
                type = "requests";
                code = "rate_limit_exceeded";
            }
            default -> {
                // the status and the gateway's machine word stand
            }
        }
        if (body.id() != null) {
            response.getHeaders().putSingle(REQUEST_ID_HEADER, body.id());
        }
        response.setStatus(status);
        response.setEntity(new OpenAiError(new OpenAiError.Body(body.message(), type, param, code)));
    }

    static boolean isOpenAiPath(String path) {
        return path.startsWith("v1/") || path.startsWith("/v1/") || path.equals("v1") || path.equals("/v1");
    }

    /** The OpenAI parameter a gateway field stands for; the translator already names its own checks so. */
    private static String param(String field) {
        return switch (field) {
            case "user_id" -> "user";
            case "prompt", "system" -> "messages";
            case "provider" -> "model";
            case "service" -> null;
            default -> field;
        };
    }
}
