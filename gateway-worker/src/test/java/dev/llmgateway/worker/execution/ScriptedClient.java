package dev.llmgateway.worker.execution;

import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderClient;
import dev.llmgateway.worker.provider.ProviderException;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider client answering from a script per provider name, with no network: each call takes
 * the provider's next outcome (the last one repeats). Calls are recorded.
 */
final class ScriptedClient implements ProviderClient {
    private final MutableClock clock;
    private final Map<String, Deque<Outcome>> scripts = new ConcurrentHashMap<>();
    private final List<ProviderCall> calls = new CopyOnWriteArrayList<>();

    ScriptedClient(MutableClock clock) {
        this.clock = clock;
    }

    /** What one call does: how long it takes on the clock, then its answer or failure. */
    record Outcome(Duration takes, ProviderResponse response, RuntimeException failure, boolean thrown) {
        Outcome taking(Duration duration) {
            return new Outcome(duration, response, failure, thrown);
        }
    }

    static Outcome answer(String content) {
        return answer(content, 10, 20);
    }

    static Outcome answer(String content, long inputTokens, long outputTokens) {
        return new Outcome(Duration.ZERO, new ProviderResponse(content, "stop", new TokenUsage(inputTokens, outputTokens)),
                null, false);
    }

    static Outcome status(int status) {
        return fail(ProviderException.httpStatus(status, null));
    }

    static Outcome rateLimited(Duration retryAfter) {
        return fail(ProviderException.httpStatus(429, retryAfter));
    }

    static Outcome fail(RuntimeException failure) {
        return new Outcome(Duration.ZERO, null, failure, false);
    }

    /** generate() itself throws instead of returning a failed future. */
    static Outcome throwing(RuntimeException failure) {
        return new Outcome(Duration.ZERO, null, failure, true);
    }

    ScriptedClient script(String provider, Outcome... outcomes) {
        scripts.put(provider, new ArrayDeque<>(List.of(outcomes)));
        return this;
    }

    @Override
    public CompletableFuture<ProviderResponse> generate(ProviderCall call) {
        calls.add(call);
        Deque<Outcome> script = scripts.get(call.provider().name());
        if (script == null || script.isEmpty()) {
            throw new AssertionError("no outcome scripted for " + call.provider().name());
        }
        Outcome outcome = script.size() > 1 ? script.poll() : script.peek();
        clock.advance(outcome.takes());
        if (outcome.thrown()) {
            throw outcome.failure();
        }
        return outcome.failure() != null
                ? CompletableFuture.failedFuture(outcome.failure())
                : CompletableFuture.completedFuture(outcome.response());
    }

    List<ProviderCall> calls() {
        return List.copyOf(calls);
    }

    List<String> calledProviders() {
        return calls.stream().map(call -> call.provider().name()).toList();
    }
}
