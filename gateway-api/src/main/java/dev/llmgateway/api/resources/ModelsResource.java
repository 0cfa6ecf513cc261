package dev.llmgateway.api.resources;

import dev.llmgateway.api.auth.ServiceKeyRequired;
import dev.llmgateway.api.openai.ModelDirectory;
import dev.llmgateway.api.wire.openai.ModelList;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/models} (and one model), OpenAI-compatible: the enabled providers' models as
 * {@code provider/model}, plus {@code auto}. A model id holds a slash, so retrieving one needs the
 * slash as is ({@code /v1/models/openai/gpt-4o}): Jetty refuses an encoded {@code %2F} with 400
 * before Jersey sees it, which is what the SDKs' {@code models.retrieve("openai/gpt-4o")} sends.
 */
@Path("/v1/models")
@ServiceKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public final class ModelsResource {
    private final ModelDirectory models;

    public ModelsResource(ModelDirectory models) {
        this.models = models;
    }

    @GET
    public ModelList list() {
        return ModelList.of(models.list().stream().map(e -> ModelList.Model.of(e.id(), e.owner())).toList());
    }

    @GET
    @Path("/{id: .+}")
    public ModelList.Model find(@PathParam("id") String id) {
        return models.list().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .map(e -> ModelList.Model.of(e.id(), e.owner()))
                .orElseThrow(() -> ModelDirectory.notFoundError(id));
    }
}
