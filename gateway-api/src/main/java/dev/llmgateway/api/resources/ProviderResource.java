package dev.llmgateway.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.api.admin.ProviderAdmin;
import dev.llmgateway.api.auth.AdminKeyRequired;
import dev.llmgateway.api.wire.ProviderResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/providers}: the LLM providers the gateway routes to (API.md, "Providers"). */
@Path("/api/v1/providers")
@AdminKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProviderResource {
    private final ProviderAdmin providers;

    public ProviderResource(ProviderAdmin providers) {
        this.providers = providers;
    }

    @GET
    public List<ProviderResponse> list() {
        return providers.list();
    }

    @POST
    public Response create(ObjectNode body) {
        ProviderResponse created = providers.create(body);
        return Response.created(UriBuilder.fromResource(ProviderResource.class).path(created.name()).build())
                .entity(created).build();
    }

    @GET
    @Path("{name}")
    public ProviderResponse get(@PathParam("name") String name) {
        return providers.get(name);
    }

    @PUT
    @Path("{name}")
    public ProviderResponse replace(@PathParam("name") String name, ObjectNode body) {
        return providers.replace(name, body);
    }

    @PATCH
    @Path("{name}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public ProviderResponse patch(@PathParam("name") String name, ObjectNode body) {
        return providers.patch(name, body);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        providers.delete(name);
        return Response.noContent().build();
    }
}
