package dev.llmgateway.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.llmgateway.core.provider.CustomerOverride;

/** A customer override; {@code service_name: null} applies to every service of the user. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OverrideResponse(long id, String userId, String serviceName, String providerName, String modelName) {
    public static OverrideResponse of(CustomerOverride o) {
        return new OverrideResponse(o.id(), o.userId(), o.serviceName(), o.providerName(), o.modelName());
    }
}
