package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum GenerationStatus {
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED
}
