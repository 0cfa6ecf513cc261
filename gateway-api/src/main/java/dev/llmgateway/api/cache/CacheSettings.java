package dev.llmgateway.api.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;

/** The {@code cache:} block. */
public class CacheSettings {
    @JsonProperty
    private boolean enabled = true;
    @JsonProperty
    @Min(0)
    private long localMaxEntries = 10_000;
    @JsonProperty
    private Duration localTtl = Duration.minutes(5);
    @JsonProperty
    private Duration sharedTtl = Duration.hours(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public long getLocalMaxEntries() {
        return localMaxEntries;
    }

    public void setLocalMaxEntries(long localMaxEntries) {
        this.localMaxEntries = localMaxEntries;
    }

    public Duration getLocalTtl() {
        return localTtl;
    }

    public void setLocalTtl(Duration localTtl) {
        this.localTtl = localTtl;
    }

    public Duration getSharedTtl() {
        return sharedTtl;
    }

    public void setSharedTtl(Duration sharedTtl) {
        this.sharedTtl = sharedTtl;
    }
}
