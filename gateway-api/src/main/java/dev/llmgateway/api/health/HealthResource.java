package dev.llmgateway.api.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Liveness and readiness for orchestrators; no key needed. */
@Path("/api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final String version;
    private final List<DependencyCheck> checks;

    public HealthResource(String version, List<DependencyCheck> checks) {
        this.version = version;
        this.checks = List.copyOf(checks);
    }

    @GET
    public Map<String, String> live() {
        return Map.of("status", "ok", "version", version);
    }

    @GET
    @Path("ready")
    public Response ready() {
        Map<String, CheckResult> results = new LinkedHashMap<>();
        boolean down = false;
        boolean degraded = false;
        for (DependencyCheck check : checks) {
            CheckResult result = check.check();
            results.put(check.name(), result);
            down |= check.critical() && !result.isOk();
            degraded |= !check.critical() && !result.isOk();
        }
        String status = down ? "down" : degraded ? "degraded" : "ok";
        return Response.status(down ? 503 : 200)
                .entity(Map.of("status", status, "checks", results))
                .build();
    }
}
