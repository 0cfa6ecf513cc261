package dev.llmgateway.api.resources;

import dev.llmgateway.api.admin.OverrideAdmin;
import dev.llmgateway.api.auth.AdminKeyRequired;
import dev.llmgateway.api.wire.OverrideRequest;
import dev.llmgateway.api.wire.OverrideResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/overrides}: per-customer routing (API.md, "Customer overrides"). */
@Path("/api/v1/overrides")
@AdminKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OverrideResource {
    private final OverrideAdmin overrides;

    public OverrideResource(OverrideAdmin overrides) {
        this.overrides = overrides;
    }

    @GET
    public List<OverrideResponse> list(@QueryParam("user_id") String userId) {
        return overrides.list(userId);
    }

    @POST
    public Response create(OverrideRequest body) {
        OverrideResponse created = overrides.create(body);
        return Response.created(UriBuilder.fromResource(OverrideResource.class).path(Long.toString(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    public OverrideResponse get(@PathParam("id") String id) {
        return overrides.get(id);
    }

    @PUT
    @Path("{id}")
    public OverrideResponse replace(@PathParam("id") String id, OverrideRequest body) {
        return overrides.replace(id, body);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        overrides.delete(id);
        return Response.noContent().build();
    }
}
