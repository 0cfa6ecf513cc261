package dev.llmgateway.api.auth;

import dev.llmgateway.api.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/** The filters behind {@link ServiceKeyRequired} and {@link AdminKeyRequired}. */
public final class KeyFilters {
    public static final String SERVICE_KEY_HEADER = "X-Service-Key";

    private KeyFilters() {
    }

    static Optional<ApiKeys.Role> authenticate(ApiKeys keys, ContainerRequestContext request) {
        String presented = request.getHeaderString(SERVICE_KEY_HEADER);
        if (presented == null) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = authorization.substring(7).trim();
            }
        }
        return keys.roleOf(presented);
    }

    @ServiceKeyRequired
    @Priority(Priorities.AUTHENTICATION)
    public static final class ServiceKeyFilter implements ContainerRequestFilter {
        private final ApiKeys keys;

        public ServiceKeyFilter(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (authenticate(keys, request).isEmpty()) {
                throw ApiException.unauthorized();
            }
        }
    }

    @AdminKeyRequired
    @Priority(Priorities.AUTHENTICATION)
    public static final class AdminKeyFilter implements ContainerRequestFilter {
        private final ApiKeys keys;

        public AdminKeyFilter(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            ApiKeys.Role role = authenticate(keys, request).orElseThrow(ApiException::unauthorized);
            if (role != ApiKeys.Role.ADMIN) {
                throw ApiException.forbidden();
            }
        }
    }
}
