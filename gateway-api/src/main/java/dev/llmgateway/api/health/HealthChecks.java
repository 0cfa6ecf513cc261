package dev.llmgateway.api.health;

import io.dropwizard.core.setup.Environment;
import java.util.List;

/**
 * One set of dependency checks, served twice: {@code /api/v1/health[/ready]} on the API port for
 * load balancers (no key), and {@code /healthcheck} on the admin port for operators.
 */
public final class HealthChecks {
    private HealthChecks() {
    }

    public static void register(Environment env, String version, List<DependencyCheck> checks) {
        env.jersey().register(new HealthResource(version, checks));
        // JdbiFactory registered a bare "SELECT 1" check under this name; ours also reports latency.
        env.healthChecks().unregister("postgres");
        for (DependencyCheck check : checks) {
            env.healthChecks().register(check.name(), new DependencyHealthCheck(check));
        }
    }
}
