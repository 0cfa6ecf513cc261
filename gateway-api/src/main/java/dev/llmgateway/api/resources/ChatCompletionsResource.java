package dev.llmgateway.api.resources;

import dev.llmgateway.api.auth.ServiceKeyRequired;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.generation.GenerationService;
import dev.llmgateway.api.openai.ChatRequestTranslator;
import dev.llmgateway.api.openai.ChunkStream;
import dev.llmgateway.api.openai.Completions;
import dev.llmgateway.api.openai.OpenAiErrorFilter;
import dev.llmgateway.api.wire.openai.ChatCompletionRequest;
import dev.llmgateway.core.message.GenerationResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible: the request is translated and goes the
 * way of /generate (validation, routing, rate limits, cache, queue, usage), and the answer comes
 * back as a {@code chat.completion}, or with {@code stream: true} as server-sent
 * {@code chat.completion.chunk} events ending in {@code data: [DONE]}. Errors are OpenAI's shape
 * ({@link OpenAiErrorFilter}). The service comes from the {@value #SERVICE_HEADER} header.
 *
 * <p><b>Streaming today</b> relays the finished answer as a well-formed chunk stream (role,
 * content, finish reason, optional usage chunk): SDK streaming code works, but the first token
 * arrives with the last. Errors before the answer are plain HTTP errors, as OpenAI's are before
 * its stream starts.
 *
 * <p><b>Token streaming through Kafka (next step).</b> The job carries {@code stream=true}
 * (already in GenerationRequest). The worker calls the provider with SSE (the fake provider
 * speaks both vendors' SSE) and produces each delta as a {@code GenerationChunk
 * {id, seq, delta}} on the job's reply topic, keyed by request id so they stay ordered in one
 * partition, then the usual GenerationResult as the final message (usage, cost, finish reason),
 * so consumers that ignore chunks see no change and usage stays one event per request. The
 * {@code RequestReplyClient} gains a per-request chunk listener next to the pending future; this
 * resource opens the event stream on the first chunk (a JAX-RS {@code SseEventSink}, gzip off
 * for {@code text/event-stream}) and writes chunks as they arrive, never on the reply thread
 * (bounded per-request queue, slow clients cut off). Consequences to design for: retries and
 * fallbacks are possible only until the first delta has been sent; the timeout becomes a
 * first-token timeout plus an idle timeout; an error after the first delta is sent in-stream as
 * {@code data: {"error": ...}} (the SDKs raise it); cache hits and coalesced followers keep
 * today's relay of the whole answer; the cache stores only the assembled final result.
 */
@Path("/v1/chat/completions")
@ServiceKeyRequired
public final class ChatCompletionsResource {
    public static final String SERVICE_HEADER = "X-Gateway-Service";
    public static final String CACHED_HEADER = "X-Gateway-Cached";

    private final GenerationService generation;
    private final ChatRequestTranslator translator;
    private final Clock clock;

    public ChatCompletionsResource(GenerationService generation, ChatRequestTranslator translator, Clock clock) {
        this.generation = generation;
        this.translator = translator;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public void create(ChatCompletionRequest body, @HeaderParam(SERVICE_HEADER) String service,
            @Suspended AsyncResponse response) {
        generation.generate(translator.translate(body, service)).whenComplete((result, failure) -> {
            if (failure == null) {
                response.resume(answer(body, result));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            response.resume(cause instanceof ApiException api ? ApiExceptionMapper.respond(api) : cause);
        });
    }

    private Response answer(ChatCompletionRequest body, GenerationResult result) {
        long created = clock.instant().getEpochSecond();
        Response.ResponseBuilder ok = body.streaming()
                ? Response.ok(new ChunkStream(Completions.chunks(result, created, body.usageInStream())),
                        MediaType.SERVER_SENT_EVENTS_TYPE).header("Cache-Control", "no-cache")
                : Response.ok(Completions.completion(result, created), MediaType.APPLICATION_JSON_TYPE);
        return ok.header(OpenAiErrorFilter.REQUEST_ID_HEADER, result.id())
                .header(CACHED_HEADER, Boolean.toString(result.cached()))
                .build();
    }
}
