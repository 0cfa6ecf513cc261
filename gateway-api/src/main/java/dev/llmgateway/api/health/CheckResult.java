package dev.llmgateway.api.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One dependency's state in {@code /api/v1/health/ready}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String status, Long latencyMs, String message) {
    public static CheckResult ok(long latencyMs) {
        return new CheckResult("ok", latencyMs, null);
    }

    public static CheckResult down(String message) {
        return new CheckResult("down", null, message);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isOk() {
        return "ok".equals(status);
    }
}
