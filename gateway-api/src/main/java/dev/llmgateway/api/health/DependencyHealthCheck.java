package dev.llmgateway.api.health;

import com.codahale.metrics.health.HealthCheck;

/**
 * A {@link DependencyCheck} on the admin port's {@code /healthcheck}. Unlike readiness, any
 * failing dependency is unhealthy here, critical or not: monitoring should hear of a degraded
 * gateway too.
 */
public final class DependencyHealthCheck extends HealthCheck {
    private final DependencyCheck check;

    public DependencyHealthCheck(DependencyCheck check) {
        this.check = check;
    }

    @Override
    protected Result check() {
        CheckResult result = check.check();
        ResultBuilder builder = result.isOk() ? Result.builder().healthy() : Result.builder().unhealthy();
        builder.withMessage(result.message() == null ? result.status() : result.message())
                .withDetail("critical", check.critical());
        if (result.latencyMs() != null) {
            builder.withDetail("latency_ms", result.latencyMs());
        }
        return builder.build();
    }
}
