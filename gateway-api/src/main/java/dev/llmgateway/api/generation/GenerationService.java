package dev.llmgateway.api.generation;

import dev.llmgateway.api.GenerationSettings;
import dev.llmgateway.api.cache.CachedAnswer;
import dev.llmgateway.api.cache.ResponseCache;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.jobs.LateAnswers;
import dev.llmgateway.api.kafka.QueueUnavailableException;
import dev.llmgateway.api.kafka.ReplyTimeoutException;
import dev.llmgateway.api.kafka.RequestReplyClient;
import dev.llmgateway.api.kafka.StreamRestartedException;
import dev.llmgateway.api.kafka.UsagePublisher;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.core.cache.CacheKey;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.GenerationChunk;
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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The generation path of the API: validate, route, admit (rate limits), answer from the cache or
 * join an identical request already in flight, else enqueue; then turn the worker's reply (or its
 * absence) into an answer or an {@link ApiException}. A request that times out leaves its job
 * running for {@code keepWorkingAfterTimeout} more, and the id in the 504 answerable through
 * {@link LateAnswers}.
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
    private final LateAnswers lateAnswers;
    private final Duration keepWorkingAfterTimeout;
    private final Clock clock;
    private final GenerationMetrics metrics;
    private final ConcurrentMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

    /** A validated, routed and admitted request: the job to run, and its cache key when the cache applies. */
    public record Prepared(GenerationRequest job, String cacheKey) {
    }

    public GenerationService(Supplier<ProviderCatalog> catalog, Router router, Admission admission,
            ResponseCache cache, boolean cacheEnabled, RequestReplyClient queue, UsagePublisher usage,
            GenerationSettings settings, LateAnswers lateAnswers, Duration keepWorkingAfterTimeout, Clock clock,
            GenerationMetrics metrics) {
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
        this.lateAnswers = lateAnswers;
        this.keepWorkingAfterTimeout = keepWorkingAfterTimeout;
        this.clock = clock;
    }

    /**
     * Fails synchronously with an {@link ApiException} for invalid, unroutable or rate-limited
     * requests; the future fails with an {@link ApiException} for every other unhappy outcome.
     */
    public CompletableFuture<GenerationResult> generate(GenerateRequest body) {
        Duration wait = timeoutOf(body);
        Prepared prepared = prepare(body, true, wait.plus(keepWorkingAfterTimeout));
        if (prepared.cacheKey() == null) {
            return dispatch(prepared.job(), wait, null, null);
        }
        Optional<GenerationResult> hit = fromCache(prepared);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(hit.get());
        }
        return coalesced(prepared.cacheKey(), prepared.job(), wait);
    }

    /**
     * Like {@link #generate(GenerateRequest)}, with the worker streaming the answer: its pieces go
     * to {@code chunks} as they arrive (on the reply thread: the consumer must not block), then the
     * future completes with the whole result. A cache hit comes as the result alone, without
     * chunks. Identical streamed requests are not coalesced (each streams its own answer), but a
     * streamed answer fills the cache like any other.
     */
    public CompletableFuture<GenerationResult> generateStreaming(GenerateRequest body, Consumer<GenerationChunk> chunks) {
        Duration wait = timeoutOf(body);
        Prepared prepared = prepare(body, true, wait.plus(keepWorkingAfterTimeout));
        Optional<GenerationResult> hit = fromCache(prepared);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(hit.get());
        }
        CompletableFuture<GenerationResult> answer = dispatch(prepared.job().streamed(), wait, null, chunks);
        if (prepared.cacheKey() != null) {
            answer.thenAccept(result -> cache.put(prepared.cacheKey(), result));
        }
        return answer;
    }

    /**
     * Validates, routes and applies the rate limits: the user's, and the primary provider's when
     * {@code admitProvider} (else the worker paces the job against it). {@code budget} is how long
     * the worker may spend on the job. Throws {@link ApiException}.
     */
    public Prepared prepare(GenerateRequest body, boolean admitProvider, Duration budget) {
        validator.validate(body);
        List<ProviderTarget> candidates = route(body);
        if (!queue.acceptsJobs()) {
            // Not even from the cache: a cache hit's usage event needs Kafka as much as a job does.
            throw ApiException.unavailable("the job queue is unreachable; retry shortly");
        }
        try {
            if (admitProvider) {
                admission.admit(body.userId(), candidates.get(0));
            } else {
                admission.admitUser(body.userId());
            }
        } catch (ApiException refused) {
            metrics.rateLimited();
            throw refused;
        }
        Instant now = clock.instant();
        GenerationRequest job = toJob(body, RequestIds.next(), candidates, now, now.plus(budget));
        String key = cacheEnabled && body.cacheEnabled() ? CacheKey.of(candidates.get(0), job) : null;
        return new Prepared(job, key);
    }

    /** The cached answer, under the job's own id and with its usage published, when there is one. */
    public Optional<GenerationResult> fromCache(Prepared prepared) {
        if (prepared.cacheKey() == null) {
            return Optional.empty();
        }
        Optional<CachedAnswer> hit = cache.get(prepared.cacheKey());
        hit.ifPresentOrElse(found -> metrics.hit(found.tier()), metrics::miss);
        return hit.map(found -> servedFromCache(found.result(), prepared.job()));
    }

    /** The first of identical concurrent misses calls the provider; the others wait for its answer. */
    private CompletableFuture<GenerationResult> coalesced(String key, GenerationRequest job, Duration wait) {
        InFlight mine = new InFlight(job);
        InFlight leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            return follow(leader, job, wait);
        }
        dispatch(job, wait, mine, null).whenComplete((result, failure) -> {
            inFlight.remove(key, mine);
            if (failure != null) {
                mine.answer.completeExceptionally(failure);
            } else {
                cache.put(key, result);
                mine.answer.complete(result);
            }
        });
        return mine.answer;
    }

    /**
     * A follower that times out answers 504 with the leader's id: the leader's answer is the one to
     * look up. One answered with the leader's failure is a failed request of its own in usage.
     */
    private CompletableFuture<GenerationResult> follow(InFlight leader, GenerationRequest job, Duration wait) {
        return leader.answer.thenApply(result -> servedFromCache(result, job))
                .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    if (!(unwrap(failure) instanceof TimeoutException)) {
                        GenerationResult failed = leader.reply;
                        if (failed != null && !failed.isSuccess()) {
                            failedWithLeader(failed, job);
                        }
                        return CompletableFuture.failedFuture(asCompletion(failure));
                    }
                    return leader.watch().thenApply(recorded -> {
                        throw translate(new ReplyTimeoutException(leader.job.id(), wait.toMillis()));
                    });
                });
    }

    /**
     * {@code entry} is the in-flight miss this job answers, if identical requests may wait for it; it
     * learns of the reply before the answer completes, so its followers find the reply there.
     * {@code chunks} takes a streamed job's pieces.
     */
    private CompletableFuture<GenerationResult> dispatch(GenerationRequest job, Duration wait, InFlight entry,
            Consumer<GenerationChunk> chunks) {
        CompletableFuture<GenerationResult> reply = entry == null ? queue.send(job, wait, chunks)
                : queue.send(job, wait, chunks).whenComplete((result, failure) -> {
                    if (result != null) {
                        entry.arrived(result);
                    }
                });
        return reply.exceptionallyCompose(failure -> unwrap(failure) instanceof ReplyTimeoutException
                        ? lateAnswers.expect(job).thenApply(recorded -> {
                            throw translate(failure);
                        })
                        : CompletableFuture.failedFuture(translate(failure)))
                .thenApply(GenerationService::checked);
    }

    /**
     * A cache miss in flight. Its reply is recorded for later lookup once a follower has timed out
     * waiting for it: the follower sets {@code watched} then reads {@code reply}, the reply sets
     * {@code reply} then reads {@code watched}, so at least one of them records it.
     */
    private final class InFlight {
        final GenerationRequest job;
        final CompletableFuture<GenerationResult> answer = new CompletableFuture<>();
        private volatile GenerationResult reply;
        private volatile boolean watched;

        InFlight(GenerationRequest job) {
            this.job = job;
        }

        void arrived(GenerationResult result) {
            reply = result;
            if (watched) {
                lateAnswers.record(result);
            }
        }

        CompletableFuture<Void> watch() {
            watched = true;
            CompletableFuture<Void> expected = lateAnswers.expect(job);
            GenerationResult arrived = reply;
            if (arrived != null) {
                lateAnswers.record(arrived);
            }
            return expected;
        }
    }

    private GenerationResult servedFromCache(GenerationResult original, GenerationRequest job) {
        long latency = Math.max(0, Duration.between(job.createdAt(), clock.instant()).toMillis());
        GenerationResult hit = original.asCacheHit(job.id(), latency);
        usage.publish(new UsageEvent(job.id(), clock.instant(), job.userId(), job.service(), hit.provider(),
                hit.model(), 0, 0, BigDecimal.ZERO, latency, true, GenerationStatus.SUCCEEDED));
        return hit;
    }

    private void failedWithLeader(GenerationResult failed, GenerationRequest job) {
        long latency = Math.max(0, Duration.between(job.createdAt(), clock.instant()).toMillis());
        usage.publish(new UsageEvent(job.id(), clock.instant(), job.userId(), job.service(), failed.provider(),
                failed.model(), 0, 0, BigDecimal.ZERO, latency, false, GenerationStatus.FAILED));
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
        // null for a body of JSON null, which prepare() refuses as such
        return body != null && body.timeoutMs() != null ? Duration.ofMillis(body.timeoutMs())
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
        if (cause instanceof StreamRestartedException restarted) {
            return ApiException.providerError(restarted.getMessage(), restarted.requestId());
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
