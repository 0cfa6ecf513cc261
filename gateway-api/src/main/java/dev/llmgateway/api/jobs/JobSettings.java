package dev.llmgateway.api.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The {@code jobs:} block: asynchronous jobs and the answers of timed-out /generate requests. */
public class JobSettings {
    /** How long a job's row, and so its answer, is kept after the job was created. */
    @NotNull
    @JsonProperty
    private Duration retention = Duration.days(7);

    @NotNull
    @JsonProperty
    private Duration purgeInterval = Duration.hours(1);

    /** The worker's time budget (retries, fallbacks) for a job that names no {@code timeout_ms}. */
    @NotNull
    @JsonProperty
    private Duration defaultTimeout = Duration.minutes(10);

    /**
     * How long the worker goes on with a /generate request after its caller got the 504, so
     * that {@code GET /api/v1/jobs/{id}} can give the answer later. Zero gives up at the 504.
     */
    @NotNull
    @JsonProperty
    private Duration keepWorkingAfterTimeout = Duration.minutes(2);

    /** The consumer group, shared by every API instance, that records jobs' results from {@code llm.results}. */
    @Pattern(regexp = "[a-zA-Z0-9._-]{1,200}")
    @JsonProperty
    private String resultGroup = "gateway-api-job-results";

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public Duration getDefaultTimeout() {
        return defaultTimeout;
    }

    public Duration getKeepWorkingAfterTimeout() {
        return keepWorkingAfterTimeout;
    }

    public void setKeepWorkingAfterTimeout(Duration keepWorkingAfterTimeout) {
        this.keepWorkingAfterTimeout = keepWorkingAfterTimeout;
    }

    public String getResultGroup() {
        return resultGroup;
    }
}
