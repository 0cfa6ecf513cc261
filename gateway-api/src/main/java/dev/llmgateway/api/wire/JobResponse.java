package dev.llmgateway.api.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.llmgateway.api.jobs.JobView;

/**
 * The body of {@code POST /api/v1/jobs} (202) and {@code GET /api/v1/jobs/{id}} (API.md):
 * {@code result} once the job succeeded, {@code error} once it failed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobResponse(String id, String status, GenerateResponse result, ErrorDto error) {

    public record ErrorDto(String type, String message) {
    }

    public static JobResponse of(JobView job) {
        boolean succeeded = JobView.SUCCEEDED.equals(job.status()) && job.result() != null;
        return new JobResponse(job.id(), job.status(), succeeded ? GenerateResponse.of(job.result()) : null,
                job.error() == null ? null : new ErrorDto(job.error().type(), job.error().message()));
    }
}
