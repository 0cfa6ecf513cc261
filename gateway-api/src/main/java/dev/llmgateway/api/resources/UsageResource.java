package dev.llmgateway.api.resources;

import dev.llmgateway.api.auth.ServiceKeyRequired;
import dev.llmgateway.api.db.UsageDao;
import dev.llmgateway.api.db.UsageFilter;
import dev.llmgateway.api.wire.DailyUsageRow;
import dev.llmgateway.api.wire.ProviderUsageRow;
import dev.llmgateway.api.wire.UsageRow;
import dev.llmgateway.api.wire.UsageRows;
import dev.llmgateway.api.wire.UsageTotals;
import dev.llmgateway.api.wire.UserUsage;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Usage analytics over the daily totals in Postgres (API.md, "Usage analytics"). */
@Path("/api/v1/usage")
@ServiceKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UsageResource {
    private final UsageDao usage;

    public UsageResource(UsageDao usage) {
        this.usage = usage;
    }

    @GET
    @Path("/summary")
    public UsageTotals summary(@BeanParam UsageQuery query) {
        return usage.totals(query.toFilter());
    }

    @GET
    @Path("/by-user")
    public UsageRows<UsageRow> byUser(@BeanParam UsageQuery query) {
        return new UsageRows<>(usage.byUser(query.toFilter()));
    }

    @GET
    @Path("/by-service")
    public UsageRows<UsageRow> byService(@BeanParam UsageQuery query) {
        return new UsageRows<>(usage.byService(query.toFilter()));
    }

    @GET
    @Path("/by-provider")
    public UsageRows<ProviderUsageRow> byProvider(@BeanParam UsageQuery query) {
        return new UsageRows<>(usage.byProvider(query.toFilter()));
    }

    @GET
    @Path("/daily")
    public UsageRows<DailyUsageRow> daily(@BeanParam UsageQuery query) {
        return new UsageRows<>(usage.daily(query.toFilter()));
    }

    /** The path's user wins over a {@code user_id} query parameter. */
    @GET
    @Path("/users/{user_id}")
    public UserUsage user(@PathParam("user_id") String userId, @BeanParam UsageQuery query) {
        UsageFilter filter = query.toFilter().withUser(UsageQuery.pathUser(userId));
        return new UserUsage(userId, usage.totals(filter), usage.byService(filter));
    }
}
