package dev.llmgateway.core.redis;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code redis:} block: where Redis is and how long to wait for it before going without. */
public class RedisSettings {
    @JsonProperty
    private String uri = "redis://127.0.0.1:6379/0";
    @JsonProperty
    private int timeoutMs = 250;
    @JsonProperty
    private int probeIntervalMs = 1000;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public int getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(int timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public int getProbeIntervalMs() {
        return probeIntervalMs;
    }

    public void setProbeIntervalMs(int probeIntervalMs) {
        this.probeIntervalMs = probeIntervalMs;
    }
}
