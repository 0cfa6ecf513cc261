package dev.llmgateway.api.resources;

import dev.llmgateway.api.auth.ServiceKeyRequired;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.jobs.JobService;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.api.wire.JobResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.CompletionException;

/** Asynchronous jobs: submit one and look its answer up later, also the answer of a /generate that timed out. */
@Path("/api/v1/jobs")
@ServiceKeyRequired
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {
    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    /** Answers 202 once Kafka has the job. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public void submit(GenerateRequest body, @Suspended AsyncResponse response) {
        jobs.submit(body).whenComplete((job, failure) -> {
            if (failure == null) {
                response.resume(Response.accepted(JobResponse.of(job))
                        .location(URI.create("/api/v1/jobs/" + job.id())).build());
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            response.resume(cause instanceof ApiException api ? ApiExceptionMapper.respond(api) : cause);
        });
    }

    @GET
    @Path("/{id}")
    public JobResponse find(@PathParam("id") String id) {
        return JobResponse.of(jobs.find(id));
    }
}
