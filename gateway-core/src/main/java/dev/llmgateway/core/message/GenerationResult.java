package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The answer to a {@link GenerationRequest}, on the job's reply topic: {@code status} tells whether
 * {@code content} or {@code error} is set. {@code provider}/{@code model} name who answered (or was
 * tried last), {@code latency_ms} is the time spent from the job's creation to this result.
 */
public record GenerationResult(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) GenerationStatus status,
        String content,
        String provider,
        String model,
        String finishReason,
        TokenUsage usage,
        BigDecimal costUsd,
        long latencyMs,
        boolean cached,
        ErrorInfo error) {

    public GenerationResult {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(status, "status is required");
        if (status == GenerationStatus.FAILED && error == null) {
            throw new IllegalArgumentException("a failed result needs an error");
        }
        usage = usage == null ? TokenUsage.NONE : usage;
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    public static GenerationResult succeeded(String id, String content, String provider, String model,
            String finishReason, TokenUsage usage, BigDecimal costUsd, long latencyMs) {
        return new GenerationResult(id, GenerationStatus.SUCCEEDED, content, provider, model, finishReason, usage,
                costUsd, latencyMs, false, null);
    }

    public static GenerationResult failed(String id, String provider, String model, ErrorInfo error, long latencyMs) {
        return new GenerationResult(id, GenerationStatus.FAILED, null, provider, model, null, TokenUsage.NONE,
                BigDecimal.ZERO, latencyMs, false, error);
    }

    @JsonIgnore
    public boolean isSuccess() {
        return status == GenerationStatus.SUCCEEDED;
    }

    /** This answer served again from the cache under a new request id: no cost, original usage. */
    public GenerationResult asCacheHit(String newId, long latency) {
        return new GenerationResult(newId, status, content, provider, model, finishReason, usage, BigDecimal.ZERO,
                latency, true, error);
    }
}
