package dev.llmgateway.api.errors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * Gives the error shape to the errors Jersey answers without an entity and without asking an
 * exception mapper, such as the bare 400 for a request header it cannot parse ({@code Content-Type: ;;;}).
 */
public final class ErrorBodyFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !response.hasEntity()) {
            String type = status == 400 ? "bad_request" : ErrorTypes.type(status);
            response.setEntity(ApiError.of(type, ErrorTypes.reason(status)), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
