package dev.llmgateway.worker.execution;

import dev.llmgateway.core.cost.CostCalculator;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationChunk;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.message.UsageEvent;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.RefreshableCatalog;
import java.util.Optional;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.core.routing.RoutingException;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderClient;
import dev.llmgateway.worker.provider.ProviderClients;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job into a result: each candidate provider in order, each retried on retryable failures
 * with backoff (honouring Retry-After), retries and fallbacks only while the job's deadline allows.
 * Never fails its future: every outcome, including bugs, becomes a {@link GenerationResult}.
 *
 * <p>A streamed job ({@link GenerationRequest#stream()}, given a chunk consumer) streams from the
 * provider and hands each piece on as a {@link GenerationChunk} as it arrives. Retries and
 * fallbacks happen only before its first chunk: once a client has part of one provider's answer,
 * a failure ends the job with an error instead of starting another answer.
 */
public final class GenerationExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationExecutor.class);
    private static final Duration MIN_CALL_TIMEOUT = Duration.ofMillis(1);

    private final Supplier<ProviderCatalog> catalog;
    private final ProviderClients clients;
    private final SecretBox secrets;
    private final CostCalculator costs;
    private final Router router;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final Pacer pacer;

    public GenerationExecutor(Supplier<ProviderCatalog> catalog, ProviderClients clients, SecretBox secrets,
            CostCalculator costs, Router router, ScheduledExecutorService timer, Clock clock, RetryPolicy retryPolicy) {
        this(catalog, clients, secrets, costs, router, timer, clock, retryPolicy, null);
    }

    public GenerationExecutor(Supplier<ProviderCatalog> catalog, ProviderClients clients, SecretBox secrets,
            CostCalculator costs, Router router, ScheduledExecutorService timer, Clock clock, RetryPolicy retryPolicy,
            Pacer pacer) {
        this.pacer = pacer;
        this.catalog = catalog;
        this.clients = clients;
        this.secrets = secrets;
        this.costs = costs;
        this.router = router;
        this.timer = timer;
        this.clock = clock;
        this.retryPolicy = retryPolicy;
    }

    /**
     * Like {@link #execute(GenerationRequest)}, but first waits until the primary provider's rate
     * limit has room: for jobs the API has not admitted (batch producers').
     */
    public CompletableFuture<GenerationResult> executePaced(GenerationRequest request) {
        return executePaced(request, null);
    }

    /** {@link #executePaced(GenerationRequest)}, streaming as {@link #execute(GenerationRequest, Consumer)} does. */
    public CompletableFuture<GenerationResult> executePaced(GenerationRequest request, Consumer<GenerationChunk> chunks) {
        if (pacer == null) {
            return execute(request, chunks);
        }
        List<ProviderTarget> candidates;
        try {
            candidates = candidatesOf(request);
        } catch (RoutingException e) {
            return execute(request, chunks);
        }
        return catalog.get().provider(candidates.get(0).provider())
                .map(primary -> pacer.awaitTurn(primary)
                        .thenCompose(turn -> execute(request.withCandidates(candidates), chunks)))
                .orElseGet(() -> execute(request, chunks));
    }

    private List<ProviderTarget> candidatesOf(GenerationRequest request) {
        return request.candidates() != null && !request.candidates().isEmpty()
                ? request.candidates()
                : router.route(catalog.get(), request.userId(), request.service(), request.provider(), request.model());
    }

    public CompletableFuture<GenerationResult> execute(GenerationRequest request) {
        return execute(request, null);
    }

    /**
     * @param chunks where a streamed job's pieces go, in order, one at a time (on the provider
     *     client's thread: it must not block); null, or a job that does not ask to stream, and the
     *     provider is called without streaming
     */
    public CompletableFuture<GenerationResult> execute(GenerationRequest request, Consumer<GenerationChunk> chunks) {
        Instant started = request.createdAt() != null ? request.createdAt() : clock.instant();
        Instant deadline = request.deadline() != null ? request.deadline() : clock.instant().plus(retryPolicy.defaultBudget());
        Job job = new Job(request, started, deadline, request.stream() ? chunks : null);
        try {
            List<ProviderTarget> candidates;
            try {
                candidates = candidatesOf(request);
            } catch (RoutingException e) {
                String type = e.reason() == RoutingException.Reason.NO_PROVIDER ? "unavailable" : "validation_error";
                return CompletableFuture.completedFuture(job.failed(null, new ErrorInfo(type, e.getMessage())));
            }
            return tryCandidate(job, candidates, 0).exceptionally(bug -> internalError(job, bug));
        } catch (RuntimeException bug) {
            // a job must always get a result: an exception escaping here would end the consumer thread
            return CompletableFuture.completedFuture(internalError(job, bug));
        }
    }

    private GenerationResult internalError(Job job, Throwable bug) {
        LOG.error("Job {} failed unexpectedly", job.request.id(), bug);
        return job.failed(null, new ErrorInfo("provider_error", "internal error while calling providers"));
    }

    private CompletableFuture<GenerationResult> tryCandidate(Job job, List<ProviderTarget> candidates, int index) {
        if (index >= candidates.size()) {
            ProviderTarget last = candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
            String type = job.pastDeadline() ? "timeout" : "provider_error";
            String message = (candidates.size() == 1 ? "the provider failed: " : "all " + candidates.size()
                    + " providers failed: ") + String.join("; ", job.failures);
            return CompletableFuture.completedFuture(job.failed(last, new ErrorInfo(type, message)));
        }
        if (job.pastDeadline()) {
            // nobody waits for the answer any more: calling (and paying) a provider is wasted
            candidates.subList(index, candidates.size())
                    .forEach(skipped -> job.failures.add(skipped.provider() + ": not tried, deadline passed"));
            return tryCandidate(job, candidates, candidates.size());
        }
        ProviderTarget target = candidates.get(index);
        ProviderConfig provider = enabledProvider(target.provider());
        if (provider == null) {
            job.failures.add(target.provider() + ": unknown or disabled");
            return tryCandidate(job, candidates, index + 1);
        }
        ProviderCall call;
        try {
            call = call(job, provider, target);
        } catch (IllegalArgumentException e) {
            LOG.error("Provider {}: its API key cannot be decrypted with the current master key", provider.name());
            job.failures.add(provider.name() + ": API key unusable");
            return tryCandidate(job, candidates, index + 1);
        }
        return attempt(job, call, 0).thenCompose(outcome -> outcome != null
                ? CompletableFuture.completedFuture(outcome)
                : tryCandidate(job, candidates, index + 1));
    }

    /**
     * The provider as the catalog knows it. A name the catalog has never seen is most likely one
     * created through the API less than one refresh ago, so the catalog is reloaded once first.
     */
    private ProviderConfig enabledProvider(String name) {
        Optional<ProviderConfig> known = catalog.get().provider(name);
        if (known.isEmpty() && catalog instanceof RefreshableCatalog refreshable) {
            try {
                refreshable.refresh();
                known = catalog.get().provider(name);
            } catch (RuntimeException e) {
                LOG.warn("Cannot reload the provider catalog to look for '{}': {}", name, e.getMessage());
            }
        }
        return known.filter(ProviderConfig::enabled).orElse(null);
    }

    /** Completes with the result, or with null when this provider is given up. */
    private CompletableFuture<GenerationResult> attempt(Job job, ProviderCall call, int retryNumber) {
        CompletableFuture<ProviderResponse> answer;
        try {
            ProviderClient client = clients.forType(call.provider().type());
            answer = job.chunks == null ? client.generate(withTimeout(job, call))
                    : client.stream(withTimeout(job, call), delta -> job.emit(call, delta));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(job.succeeded(call, response));
            }
            ProviderException error = providerError(failure);
            if (job.chunksSent() > 0) {
                return CompletableFuture.completedFuture(brokenStream(job, call, error));
            }
            int maxRetries = Math.max(0, call.provider().maxRetries());
            Duration wait = error.retryAfter().orElseGet(() -> retryPolicy.backoff(retryNumber));
            boolean fits = clock.instant().plus(wait).isBefore(job.deadline);
            if (error.retryable() && retryNumber < maxRetries && fits) {
                LOG.info("Job {}: {} answered {}, retry {} of {} in {} ms", job.request.id(), call.provider().name(),
                        error.getMessage(), retryNumber + 1, maxRetries, wait.toMillis());
                return delayed(wait).thenCompose(ignored -> attempt(job, call, retryNumber + 1));
            }
            job.failures.add(call.provider().name() + ": " + error.getMessage() + " after " + (retryNumber + 1)
                    + (retryNumber == 0 ? " attempt" : " attempts"));
            LOG.warn("Job {}: giving up on {} ({})", job.request.id(), call.provider().name(), error.getMessage());
            return CompletableFuture.<GenerationResult>completedFuture(null);
        }).thenCompose(next -> next);
    }

    private GenerationResult brokenStream(Job job, ProviderCall call, ProviderException error) {
        LOG.warn("Job {}: {} failed after {} streamed chunk(s) ({}); no retry or fallback once the answer has begun",
                job.request.id(), call.provider().name(), job.chunksSent(), error.getMessage());
        String type = job.pastDeadline() ? "timeout" : "provider_error";
        return job.failed(new ProviderTarget(call.provider().name(), call.model()), new ErrorInfo(type,
                call.provider().name() + " failed mid-stream: " + error.getMessage() + " after "
                        + job.chunksSent() + " chunk(s)"));
    }

    private ProviderCall call(Job job, ProviderConfig provider, ProviderTarget target) {
        String key = provider.apiKeyEncrypted() == null || secrets == null ? null : secrets.decrypt(provider.apiKeyEncrypted());
        GenerationRequest r = job.request;
        return new ProviderCall(provider, key, target.model(), r.system(), r.conversation(), r.maxTokens(),
                r.temperature(), Duration.ofMillis(provider.timeoutMs()), r.id());
    }

    private ProviderCall withTimeout(Job job, ProviderCall call) {
        Duration remaining = Duration.between(clock.instant(), job.deadline);
        Duration timeout = remaining.compareTo(call.timeout()) < 0 ? remaining : call.timeout();
        if (timeout.compareTo(MIN_CALL_TIMEOUT) < 0) {
            // a retry that woke up late must not get the provider's whole timeout past the deadline
            timeout = MIN_CALL_TIMEOUT;
        }
        return new ProviderCall(call.provider(), call.apiKey(), call.model(), call.system(), call.messages(),
                call.maxTokens(), call.temperature(), timeout, call.requestId());
    }

    private CompletableFuture<Void> delayed(Duration wait) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.schedule(() -> done.complete(null), wait.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    private static ProviderException providerError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProviderException pe) {
            return pe;
        }
        LOG.error("Unexpected provider client failure", cause);
        // a bug or a configuration the client cannot use: trying the same provider again cannot help.
        // The log above names it; the message reaches callers, so it names no Java type.
        return new ProviderException("client error", 0, false, null);
    }

    private static final Duration MAX_LATENCY = Duration.ofMillis(UsageEvent.MAX_COUNT);

    private final class Job {
        final GenerationRequest request;
        final Instant started;
        final Instant deadline;
        final List<String> failures = new ArrayList<>();
        final Consumer<GenerationChunk> chunks;
        private final AtomicInteger sent = new AtomicInteger();

        Job(GenerationRequest request, Instant started, Instant deadline, Consumer<GenerationChunk> chunks) {
            this.request = request;
            this.started = started;
            this.deadline = deadline;
            this.chunks = chunks;
        }

        void emit(ProviderCall call, String delta) {
            chunks.accept(new GenerationChunk(request.id(), sent.getAndIncrement(), delta, call.provider().name(),
                    call.model()));
        }

        int chunksSent() {
            return sent.get();
        }

        boolean pastDeadline() {
            return !clock.instant().isBefore(deadline);
        }

        /**
         * From the job's {@code created_at}, which its producer sets: a clock far off (year -10^9)
         * gives the longest latency a usage event holds, not an overflow that leaves the job unanswered.
         */
        long latencyMs() {
            Duration latency = Duration.between(started, clock.instant());
            if (latency.isNegative()) {
                return 0;
            }
            return latency.compareTo(MAX_LATENCY) > 0 ? MAX_LATENCY.toMillis() : latency.toMillis();
        }

        GenerationResult succeeded(ProviderCall call, ProviderResponse response) {
            return GenerationResult.succeeded(request.id(), response.content(), call.provider().name(), call.model(),
                    response.finishReason(), response.usage(), costs.cost(call.model(), response.usage()), latencyMs());
        }

        GenerationResult failed(ProviderTarget last, ErrorInfo error) {
            return GenerationResult.failed(request.id(), last == null ? null : last.provider(),
                    last == null ? null : last.model(), error, latencyMs());
        }
    }
}
