package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Why a generation failed: {@code type} is a machine word of API.md ({@code provider_error},
 * {@code timeout}, {@code validation_error}, {@code unavailable}, {@code rate_limited}) and
 * {@code message} is what a person can act on. Never carries a provider's raw body or a secret.
 */
public record ErrorInfo(
        @JsonProperty(required = true) String type,
        @JsonProperty(required = true) String message) {

    public ErrorInfo {
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(message, "message is required");
    }
}
