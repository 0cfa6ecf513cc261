package dev.llmgateway.api.health;

/** A dependency the gateway needs; {@code critical} ones make readiness fail, others degrade it. */
public interface DependencyCheck {
    String name();

    boolean critical();

    CheckResult check();
}
