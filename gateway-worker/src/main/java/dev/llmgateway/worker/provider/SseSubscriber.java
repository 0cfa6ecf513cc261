package dev.llmgateway.worker.provider;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Splits the lines of an event-stream body into events for an {@link SseHandler} and completes
 * {@code result} with its answer, or with the first failure. After {@link #cancel()} (a timeout)
 * no further event reaches the handler.
 */
final class SseSubscriber implements Flow.Subscriber<String> {
    private final SseHandler handler;
    private final CompletableFuture<ProviderResponse> result;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private String event;
    private StringBuilder data;

    SseSubscriber(SseHandler handler, CompletableFuture<ProviderResponse> result) {
        this.handler = handler;
        this.result = result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        if (cancelled) {
            return;
        }
        try {
            line(line);
        } catch (RuntimeException e) {
            cancel();
            result.completeExceptionally(e instanceof ProviderException ? e
                    : ProviderException.malformed("unreadable event (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                handler.event(event, data.toString());
            }
            event = null;
            data = null;
        } else if (line.startsWith("data:")) {
            data = data == null ? new StringBuilder() : data.append('\n');
            data.append(value(line, "data:"));
        } else if (line.startsWith("event:")) {
            event = value(line, "event:");
        }
        // comments (":"), id: and retry: lines carry nothing an answer needs
    }

    private static String value(String line, String field) {
        String value = line.substring(field.length());
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void onError(Throwable failure) {
        if (!cancelled) {
            result.completeExceptionally(HttpJson.translate(failure));
        }
    }

    @Override
    public void onComplete() {
        if (cancelled) {
            return;
        }
        try {
            if (data != null) {
                handler.event(event, data.toString()); // a last event without its blank line
            }
            result.complete(handler.finish());
        } catch (RuntimeException e) {
            result.completeExceptionally(e instanceof ProviderException ? e
                    : ProviderException.malformed("unreadable event (" + e.getClass().getSimpleName() + ")"));
        }
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
