package dev.llmgateway.api.generation;

import dev.llmgateway.api.GenerationSettings;
import dev.llmgateway.api.cache.CachedAnswer;
import dev.llmgateway.api.cache.ResponseCache;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.kafka.QueueUnavailableException;
import dev.llmgateway.api.kafka.ReplyTimeoutException;
import dev.llmgateway.api.kafka.RequestReplyClient;
import dev.llmgateway.api.kafka.UsagePublisher;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.core.cache.CacheKey;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.core.routing.RoutingException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The generation path of the API: validate, route, admit (rate limits), answer from the cache or
 * join an identical request already in flight, else enqueue; then turn the worker's reply (or its
 * absence) into an answer or an {@link ApiException}.
 */
public final class GenerationService {
    private final Supplier<ProviderCatalog> catalog;
    private final Router router;
    private final Admission admission;
    private final ResponseCache cache;
    private final boolean cacheEnabled;
    private final RequestReplyClient queue;
    private final UsagePublisher usage;
    private final GenerationSettings settings;
    private final GenerateRequestValidator validator;
    private final Clock clock;
    private final GenerationMetrics metrics;
    private final ConcurrentMap<String, CompletableFuture<GenerationResult>> inFlight = new ConcurrentHashMap<>();

    public GenerationService(Supplier<ProviderCatalog> catalog, Router router, Admission admission,
            ResponseCache cache, boolean cacheEnabled, RequestReplyClient queue, UsagePublisher usage,
            GenerationSettings settings, Clock clock, GenerationMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.router = router;
        this.admission = admission;
        this.cache = cache;
        this.cacheEnabled = cacheEnabled;
        this.queue = queue;
        this.usage = usage;
        this.settings = settings;
        this.validator = new GenerateRequestValidator(settings);
        this.clock = clock;
    }

    /**
     * Fails synchronously with an {@link ApiException} for invalid, unroutable or rate-limited
     * requests; the future fails with an {@link ApiException} for every other unhappy outcome.
     */
    public CompletableFuture<GenerationResult> generate(GenerateRequest body) {
        validator.validate(body);
        List<ProviderTarget> candidates = route(body);
        try {
            admission.admit(body.userId(), candidates.get(0));
        } catch (ApiException refused) {
            metrics.rateLimited();
            throw refused;
        }
        Duration timeout = timeoutOf(body);
        Instant now = clock.instant();
        GenerationRequest job = toJob(body, RequestIds.next(), candidates, now, now.plus(timeout));
        if (!cacheEnabled || !body.cacheEnabled()) {
            return dispatch(job, timeout);
        }
        String key = CacheKey.of(candidates.get(0), job);
        Optional<CachedAnswer> hit = cache.get(key);
        if (hit.isPresent()) {
            metrics.hit(hit.get().tier());
            return CompletableFuture.completedFuture(servedFromCache(hit.get().result(), job));
        }
        metrics.miss();
        return coalesced(key, job, timeout);
    }

    /** The first of identical concurrent misses calls the provider; the others wait for its answer. */
    private CompletableFuture<GenerationResult> coalesced(String key, GenerationRequest job, Duration timeout) {
        CompletableFuture<GenerationResult> mine = new CompletableFuture<>();
        CompletableFuture<GenerationResult> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            return leader.thenApply(result -> servedFromCache(result, job))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> {
                        throw unwrap(failure) instanceof TimeoutException
                                ? ApiException.timeout("no answer within " + timeout.toMillis() + " ms", job.id())
                                : asCompletion(failure);
                    });
        }
        dispatch(job, timeout).whenComplete((result, failure) -> {
            inFlight.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                cache.put(key, result);
                mine.complete(result);
            }
        });
        return mine;
    }

    private CompletableFuture<GenerationResult> dispatch(GenerationRequest job, Duration timeout) {
        return queue.send(job, timeout).handle((result, failure) -> {
            if (failure != null) {
                throw translate(failure);
            }
            return checked(result);
        });
    }

    private GenerationResult servedFromCache(GenerationResult original, GenerationRequest job) {
        long latency = Math.max(0, Duration.between(job.createdAt(), clock.instant()).toMillis());
        GenerationResult hit = original.asCacheHit(job.id(), latency);
        usage.publish(new UsageEvent(job.id(), clock.instant(), job.userId(), job.service(), hit.provider(),
                hit.model(), 0, 0, BigDecimal.ZERO, latency, true, GenerationStatus.SUCCEEDED));
        return hit;
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
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof ReplyTimeoutException timeout) {
            return ApiException.timeout(timeout.getMessage(), timeout.requestId());
        }
        if (cause instanceof QueueUnavailableException unavailable) {
            return ApiException.unavailable(unavailable.getMessage());
        }
        return asCompletion(cause);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static RuntimeException asCompletion(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
