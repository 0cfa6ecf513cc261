package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** A provider (by its configured name) and the model to ask it for. */
public record ProviderTarget(
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String model) {

    public ProviderTarget {
        Objects.requireNonNull(provider, "provider is required");
        Objects.requireNonNull(model, "model is required");
    }
}
