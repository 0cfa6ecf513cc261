package dev.llmgateway.stream;

import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** Builds usage events for tests: by default a succeeded, uncached request of u1/trendscout on claude. */
public final class UsageEvents {
    private final String requestId;
    private final Instant ts;
    private String userId = "u1";
    private String service = "trendscout";
    private String provider = "claude";
    private String model = "claude-sonnet-4-5";
    private long inputTokens = 10;
    private long outputTokens = 20;
    private BigDecimal costUsd = new BigDecimal("0.001");
    private long latencyMs = 100;
    private boolean cached;
    private GenerationStatus status = GenerationStatus.SUCCEEDED;

    private UsageEvents(String requestId, Instant ts) {
        this.requestId = requestId;
        this.ts = ts;
    }

    public static UsageEvents usage(String requestId, String ts) {
        return new UsageEvents(requestId, Instant.parse(ts));
    }

    public UsageEvents user(String value) {
        userId = value;
        return this;
    }

    public UsageEvents service(String value) {
        service = value;
        return this;
    }

    public UsageEvents model(String providerName, String modelName) {
        provider = providerName;
        model = modelName;
        return this;
    }

    public UsageEvents tokens(long input, long output) {
        inputTokens = input;
        outputTokens = output;
        return this;
    }

    public UsageEvents cost(String usd) {
        costUsd = new BigDecimal(usd);
        return this;
    }

    public UsageEvents latency(long ms) {
        latencyMs = ms;
        return this;
    }

    /** A cache hit: no provider cost. */
    public UsageEvents cachedHit() {
        cached = true;
        costUsd = BigDecimal.ZERO;
        return this;
    }

    /** Failed after retries: no tokens, no cost. */
    public UsageEvents failed() {
        status = GenerationStatus.FAILED;
        inputTokens = 0;
        outputTokens = 0;
        costUsd = BigDecimal.ZERO;
        return this;
    }

    public UsageEvent build() {
        return new UsageEvent(requestId, ts, userId, service, provider, model, inputTokens, outputTokens, costUsd,
                latencyMs, cached, status);
    }
}
