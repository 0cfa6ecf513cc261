package dev.llmgateway.worker.execution;

import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.ratelimit.RateDecision;
import dev.llmgateway.core.ratelimit.RateLimits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds a batch producer's job until its provider's shared rate limit has room: the job waits,
 * it is never rejected, and no thread waits with it.
 */
public final class Pacer {
    private final RateLimits limits;
    private final ScheduledExecutorService timer;

    public Pacer(RateLimits limits, ScheduledExecutorService timer) {
        this.limits = limits;
        this.timer = timer;
    }

    public CompletableFuture<Void> awaitTurn(ProviderConfig provider) {
        if (provider.rateLimitRpm() == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        tryAcquire(provider, turn);
        return turn;
    }

    private void tryAcquire(ProviderConfig provider, CompletableFuture<Void> turn) {
        try {
            RateDecision decision = limits.acquireProvider(provider.name(), provider.rateLimitRpm());
            if (decision.allowed()) {
                turn.complete(null);
            } else {
                timer.schedule(() -> tryAcquire(provider, turn), decision.retryAfter().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            turn.completeExceptionally(e);
        }
    }
}
