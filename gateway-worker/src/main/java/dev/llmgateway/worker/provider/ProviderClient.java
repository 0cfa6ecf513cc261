package dev.llmgateway.worker.provider;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Speaks one provider protocol. Calls are asynchronous: no thread waits on the network. The future
 * fails with {@link ProviderException} for anything the provider or the network did wrong.
 */
public interface ProviderClient {
    CompletableFuture<ProviderResponse> generate(ProviderCall call);

    /**
     * Like {@link #generate}, but hands each piece of the answer's text to {@code deltas} as the
     * provider produces it, in order, one call at a time; the future completes with the whole
     * answer after the last piece. This default answers in one piece.
     */
    default CompletableFuture<ProviderResponse> stream(ProviderCall call, Consumer<String> deltas) {
        return generate(call).thenApply(response -> {
            if (!response.content().isEmpty()) {
                deltas.accept(response.content());
            }
            return response;
        });
    }
}
