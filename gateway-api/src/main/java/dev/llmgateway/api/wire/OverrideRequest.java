package dev.llmgateway.api.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /api/v1/overrides} and {@code PUT /api/v1/overrides/{id}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OverrideRequest(String userId, String serviceName, String providerName, String modelName) {
}
