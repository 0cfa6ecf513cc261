package dev.llmgateway.api.health;

import org.jdbi.v3.core.Jdbi;

public final class PostgresCheck implements DependencyCheck {
    private final Jdbi jdbi;

    public PostgresCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            return CheckResult.ok((System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            return CheckResult.down("unreachable");
        }
    }
}
