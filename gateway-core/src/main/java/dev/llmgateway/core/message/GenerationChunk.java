package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A piece of a streamed answer ({@link GenerationRequest#stream()}), on the job's reply topic before
 * its {@link GenerationResult}, keyed by the request id so a job's pieces stay in order in one
 * partition. {@code index} counts from 0; {@code provider}/{@code model} name who is answering.
 * Records of this type carry the header {@code message-type: chunk}; the final result, which holds
 * the whole text, usage and cost, still ends every job.
 */
public record GenerationChunk(
        @JsonProperty(required = true) String requestId,
        @JsonProperty(required = true) int index,
        @JsonProperty(required = true) String delta,
        String provider,
        String model) {

    public GenerationChunk {
        Objects.requireNonNull(requestId, "request_id is required");
        Objects.requireNonNull(delta, "delta is required");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
    }
}
