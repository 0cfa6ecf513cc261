package dev.llmgateway.api.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** The {@code rateLimit:} block; provider limits themselves are each provider's {@code rate_limit_rpm}. */
public class RateLimitSettings {
    /** Requests per minute per user_id across all providers; null for no per-user limit. */
    @JsonProperty
    @Min(1)
    private Integer perUserRpm;

    /** How many API instances share the limits: each enforces 1/instances of them while Redis is down. */
    @JsonProperty
    @Min(1)
    private int instances = 1;

    public Integer getPerUserRpm() {
        return perUserRpm;
    }

    public void setPerUserRpm(Integer perUserRpm) {
        this.perUserRpm = perUserRpm;
    }

    public int getInstances() {
        return instances;
    }

    public void setInstances(int instances) {
        this.instances = instances;
    }
}
