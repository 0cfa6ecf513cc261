package dev.llmgateway.api.openai;

import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.wire.openai.ChatCompletionChunk;
import dev.llmgateway.api.wire.openai.OpenAiError;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationResult;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one streamed completion to its client while the worker produces it: the event stream
 * opens with the first chunk (role, then content), each chunk follows as it arrives, and the
 * final result closes it (finish reason, the usage chunk when asked, {@code data: [DONE]}). Until
 * the first chunk nothing is sent, so an answer without chunks (a cache hit) comes as one content
 * chunk, and a failure before it as a plain HTTP error, as OpenAI's do before a stream starts. A
 * failure after it is sent in the stream as {@code data: {"error": ...}}, which the SDKs raise.
 *
 * <p>Every step runs on this relay's own {@link SerialExecutor}, in arrival order, never on the
 * reply thread, so a slow client holds up only its own stream. When a write finds the client gone,
 * {@code abandon} gets the request id (the caller stops waiting for it) and the rest is dropped.
 */
public final class StreamRelay {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
    private static final String SSE = MediaType.SERVER_SENT_EVENTS;

    private final AsyncResponse response;
    private final boolean includeUsage;
    private final long created;
    private final Executor serial;
    private final Consumer<String> abandon;
    // touched only by tasks of the serial executor
    private EventStream stream;
    private String model;
    private boolean ended;

    public StreamRelay(AsyncResponse response, boolean includeUsage, long created, Executor threads,
            Consumer<String> abandon) {
        this.response = response;
        this.includeUsage = includeUsage;
        this.created = created;
        this.serial = new SerialExecutor(threads);
        this.abandon = abandon;
    }

    /** Called on the reply thread for each chunk, in order: only queues it. */
    public void chunk(GenerationChunk chunk) {
        serial.execute(() -> relay(chunk));
    }

    /** Called once, with the result or the failure that ends the request: only queues it. */
    public void finish(GenerationResult result, Throwable failure) {
        serial.execute(() -> end(result, failure));
    }

    private void relay(GenerationChunk chunk) {
        if (ended) {
            return; // a chunk that raced with the request's timeout
        }
        if (stream == null) {
            open(chunk);
            stream.data(Completions.roleChunk(chunk.requestId(), model, created), content(chunk));
        } else {
            stream.data(content(chunk));
        }
    }

    private ChatCompletionChunk content(GenerationChunk chunk) {
        return Completions.contentChunk(chunk.requestId(), model, created, chunk.delta());
    }

    private void open(GenerationChunk first) {
        String id = first.requestId();
        model = Completions.modelId(first.provider(), first.model());
        stream = new EventStream(() -> {
            LOG.debug("Client of streamed request {} went away; the rest of its answer is dropped", id);
            abandon.accept(id);
        });
        response.resume(Response.ok(stream, SSE)
                .header("Cache-Control", "no-cache")
                .header(OpenAiErrorFilter.REQUEST_ID_HEADER, id)
                .header(ChatCompletionsHeaders.CACHED, "false")
                .build());
    }

    private void end(GenerationResult result, Throwable failure) {
        ended = true;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (stream == null) {
            response.resume(cause == null ? whole(result)
                    : cause instanceof ApiException api ? ApiExceptionMapper.respond(api) : cause);
            return;
        }
        if (cause == null) {
            ChatCompletionChunk finish = Completions.finishChunk(result, model, created);
            if (includeUsage) {
                stream.dataThenDone(finish, Completions.usageChunk(result, model, created));
            } else {
                stream.dataThenDone(finish);
            }
        } else if (!(cause instanceof CancellationException)) {
            stream.data(inStreamError(cause));
        }
        stream.end();
    }

    /** An answer that came without chunks, as one well-formed chunk stream. */
    private Response whole(GenerationResult result) {
        return Response.ok(new ChunkStream(Completions.chunks(result, created, includeUsage)), SSE)
                .header("Cache-Control", "no-cache")
                .header(OpenAiErrorFilter.REQUEST_ID_HEADER, result.id())
                .header(ChatCompletionsHeaders.CACHED, Boolean.toString(result.cached()))
                .build();
    }

    private static OpenAiError inStreamError(Throwable cause) {
        if (cause instanceof ApiException api) {
            return new OpenAiError(new OpenAiError.Body(api.getMessage(), "server_error", null, api.type()));
        }
        LOG.error("Streamed request failed unexpectedly", cause);
        return new OpenAiError(new OpenAiError.Body("internal error", "server_error", null, "internal_error"));
    }
}
