package dev.llmgateway.worker.provider;

import java.util.concurrent.CompletableFuture;

/**
 * Speaks one provider protocol. Calls are asynchronous: no thread waits on the network. The future
 * fails with {@link ProviderException} for anything the provider or the network did wrong.
 */
public interface ProviderClient {
    CompletableFuture<ProviderResponse> generate(ProviderCall call);
}
