package dev.llmgateway.api.resources;

import dev.llmgateway.api.auth.ServiceKeyRequired;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.generation.GenerationService;
import dev.llmgateway.api.kafka.RequestReplyClient;
import dev.llmgateway.api.openai.ChatCompletionsHeaders;
import dev.llmgateway.api.openai.ChatRequestTranslator;
import dev.llmgateway.api.openai.Completions;
import dev.llmgateway.api.openai.OpenAiErrorFilter;
import dev.llmgateway.api.openai.StreamRelay;
import dev.llmgateway.api.wire.GenerateRequest;
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
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible: the request is translated and goes the
 * way of /generate (validation, routing, rate limits, cache, queue, usage), and the answer comes
 * back as a {@code chat.completion}, or with {@code stream: true} as server-sent
 * {@code chat.completion.chunk} events ending in {@code data: [DONE]}, relayed by a
 * {@link StreamRelay} as the worker streams them. Errors are OpenAI's shape
 * ({@link OpenAiErrorFilter}). The service comes from the {@value #SERVICE_HEADER} header.
 */
@Path("/v1/chat/completions")
@ServiceKeyRequired
public final class ChatCompletionsResource {
    public static final String SERVICE_HEADER = ChatCompletionsHeaders.SERVICE;
    public static final String CACHED_HEADER = ChatCompletionsHeaders.CACHED;

    private final GenerationService generation;
    private final ChatRequestTranslator translator;
    private final Clock clock;
    private final RequestReplyClient queue;
    private final Executor streamThreads;

    /** @param streamThreads where streamed answers are written to their clients */
    public ChatCompletionsResource(GenerationService generation, ChatRequestTranslator translator, Clock clock,
            RequestReplyClient queue, Executor streamThreads) {
        this.generation = generation;
        this.translator = translator;
        this.clock = clock;
        this.queue = queue;
        this.streamThreads = streamThreads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public void create(ChatCompletionRequest body, @HeaderParam(SERVICE_HEADER) String service,
            @Suspended AsyncResponse response) {
        GenerateRequest request = translator.translate(body, service);
        if (body.streaming()) {
            StreamRelay relay = new StreamRelay(response, body.usageInStream(), clock.instant().getEpochSecond(),
                    streamThreads, queue::abandon);
            generation.generateStreaming(request, relay::chunk).whenComplete(relay::finish);
            return;
        }
        generation.generate(request).whenComplete((result, failure) -> {
            if (failure == null) {
                response.resume(answer(result));
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            response.resume(cause instanceof ApiException api ? ApiExceptionMapper.respond(api) : cause);
        });
    }

    private Response answer(GenerationResult result) {
        return Response.ok(Completions.completion(result, clock.instant().getEpochSecond()),
                        MediaType.APPLICATION_JSON_TYPE)
                .header(OpenAiErrorFilter.REQUEST_ID_HEADER, result.id())
                .header(CACHED_HEADER, Boolean.toString(result.cached()))
                .build();
    }
}
