package dev.llmgateway.api.generation;

import dev.llmgateway.api.GenerationSettings;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.kafka.QueueUnavailableException;
import dev.llmgateway.api.kafka.ReplyTimeoutException;
import dev.llmgateway.api.kafka.RequestReplyClient;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.core.routing.RoutingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The generation path of the API: validate, route, enqueue, and turn the worker's reply (or its
 * absence) into an answer or an {@link ApiException}.
 */
public final class GenerationService {
    private final Supplier<ProviderCatalog> catalog;
    private final Router router;
    private final RequestReplyClient queue;
    private final GenerationSettings settings;
    private final GenerateRequestValidator validator;
    private final Clock clock;

    public GenerationService(Supplier<ProviderCatalog> catalog, Router router, RequestReplyClient queue,
            GenerationSettings settings, Clock clock) {
        this.catalog = catalog;
        this.router = router;
        this.queue = queue;
        this.settings = settings;
        this.validator = new GenerateRequestValidator(settings);
        this.clock = clock;
    }

    /**
     * Fails synchronously with an {@link ApiException} for invalid or unroutable requests; the
     * future fails with an {@link ApiException} for every other unhappy outcome.
     */
    public CompletableFuture<GenerationResult> generate(GenerateRequest body) {
        validator.validate(body);
        List<ProviderTarget> candidates = route(body);
        Duration timeout = timeoutOf(body);
        Instant now = clock.instant();
        GenerationRequest job = toJob(body, RequestIds.next(), candidates, now, now.plus(timeout));
        return queue.send(job, timeout)
                .handle((result, failure) -> {
                    if (failure != null) {
                        throw translate(failure);
                    }
                    return checked(result);
                });
    }

    private List<ProviderTarget> route(GenerateRequest body) {
        try {
            return router.route(catalog.get(), body.userId(), body.service(), body.provider(), body.model());
        } catch (RoutingException e) {
            if (e.reason() == RoutingException.Reason.NO_PROVIDER) {
                throw ApiException.unavailable(e.getMessage());
            }
            throw ApiException.validation(e.field(), e.getMessage());
        }
    }

    private Duration timeoutOf(GenerateRequest body) {
        return body.timeoutMs() != null ? Duration.ofMillis(body.timeoutMs())
                : Duration.ofMillis(settings.getDefaultTimeout().toMilliseconds());
    }

    static GenerationRequest toJob(GenerateRequest body, String id, List<ProviderTarget> candidates, Instant now,
            Instant deadline) {
        return GenerationRequest.builder(id, body.userId(), body.service())
                .prompt(body.prompt())
                .messages(body.messages() == null ? null
                        : body.messages().stream().map(m -> new ChatMessage(m.role(), m.content())).toList())
                .system(body.system())
                .provider(body.provider())
                .model(body.model())
                .maxTokens(body.maxTokens())
                .temperature(body.temperature())
                .metadata(body.metadata())
                .candidates(candidates)
                .createdAt(now)
                .deadline(deadline)
                .build();
    }

    private static GenerationResult checked(GenerationResult result) {
        if (result.isSuccess()) {
            return result;
        }
        String message = result.error().message();
        throw switch (result.error().type()) {
            case "timeout" -> ApiException.timeout(message, result.id());
            case "validation_error" -> ApiException.validation("request", message);
            case "unavailable" -> ApiException.unavailable(message);
            default -> ApiException.providerError(message, result.id());
        };
    }

    private static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof ReplyTimeoutException timeout) {
            return ApiException.timeout(timeout.getMessage(), timeout.requestId());
        }
        if (cause instanceof QueueUnavailableException unavailable) {
            return ApiException.unavailable(unavailable.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
