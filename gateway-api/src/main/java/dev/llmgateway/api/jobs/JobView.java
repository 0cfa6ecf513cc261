package dev.llmgateway.api.jobs;

import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationResult;

/** A job as {@code GET /api/v1/jobs/{id}} tells it: {@code result} and {@code error} once it is answered. */
public record JobView(String id, String status, GenerationResult result, ErrorInfo error) {
    public static final String QUEUED = "queued";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public static JobView queued(String id) {
        return new JobView(id, QUEUED, null, null);
    }

    public static JobView of(GenerationResult result) {
        return new JobView(result.id(), result.isSuccess() ? SUCCEEDED : FAILED, result, result.error());
    }
}
