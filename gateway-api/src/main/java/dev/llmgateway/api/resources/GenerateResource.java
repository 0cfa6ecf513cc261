package dev.llmgateway.api.resources;

import dev.llmgateway.api.auth.ServiceKeyRequired;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.generation.GenerationService;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.api.wire.GenerateResponse;
import com.codahale.metrics.annotation.ResponseMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionException;

@Path("/api/v1/generate")
@ServiceKeyRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GenerateResource {
    private final GenerationService generation;

    public GenerateResource(GenerationService generation) {
        this.generation = generation;
    }

    /** Answers from the reply consumer's thread; the request thread returns at once. */
    @POST
    @Timed(name = "latency")
    @ResponseMetered(name = "responses")
    public void generate(GenerateRequest body, @Suspended AsyncResponse response) {
        generation.generate(body).whenComplete((result, failure) -> {
            if (failure == null) {
                response.resume(GenerateResponse.of(result));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            response.resume(cause instanceof ApiException api ? ApiExceptionMapper.respond(api) : cause);
        });
    }
}
