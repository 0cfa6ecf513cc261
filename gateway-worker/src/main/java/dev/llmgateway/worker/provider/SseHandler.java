package dev.llmgateway.worker.provider;

/**
 * Reads one provider's server-sent events into an answer. Called on one thread at a time, in the
 * order the events arrive; either method throws {@link ProviderException} for an error the stream
 * reports or a stream that makes no sense.
 */
public interface SseHandler {
    /** One event: its {@code event:} name (null when it has none) and its data lines joined. */
    void event(String name, String data);

    /** The whole answer, once the body has ended. */
    ProviderResponse finish();
}
