package dev.llmgateway.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.UsageEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a JSON request and maps the outcome to a parsed body, or to the answer an event stream
 * builds up, or to a {@link ProviderException}.
 */
public final class HttpJson {
    private final HttpClient http;

    public HttpJson(HttpClient http) {
        this.http = http;
    }

    public CompletableFuture<JsonNode> post(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        // The request's own timeout ends once the headers are in: this one also bounds a body that
        // stalls after them, which would otherwise hold its job (and its partition's commits) forever.
        // On that timeout the exchange itself is cancelled, so the client closes its connection.
        CompletableFuture<HttpResponse<byte[]>> bounded = exchange.copy();
        request.timeout().ifPresent(timeout -> bounded.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure instanceof TimeoutException) {
                        exchange.cancel(true);
                    }
                }));
        return bounded
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw translate(failure);
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw ProviderException.httpStatus(response.statusCode(), RetryAfter.from(response.headers()));
                    }
                    try {
                        return Json.mapper().readTree(response.body());
                    } catch (IOException e) {
                        throw ProviderException.malformed("body is not JSON");
                    }
                });
    }

    /**
     * Sends a request answered by server-sent events, fed to {@code handler} as they arrive (no
     * thread waits for them). The whole stream must end within {@code timeout}: the request's own
     * timeout covers only the wait for the response's head.
     */
    public CompletableFuture<ProviderResponse> stream(HttpRequest request, SseHandler handler, Duration timeout) {
        CompletableFuture<ProviderResponse> result = new CompletableFuture<>();
        SseSubscriber events = new SseSubscriber(handler, result);
        http.sendAsync(request, head -> head.statusCode() / 100 == 2
                        ? HttpResponse.BodySubscribers.fromLineSubscriber(events, ignored -> null,
                                StandardCharsets.UTF_8, null)
                        : HttpResponse.BodySubscribers.<Void>replacing(null))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(translate(failure));
                    } else if (response.statusCode() / 100 != 2) {
                        result.completeExceptionally(ProviderException.httpStatus(response.statusCode(),
                                RetryAfter.from(response.headers())));
                    }
                });
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure == null) {
                return response;
            }
            events.cancel();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw cause instanceof TimeoutException ? ProviderException.timeout() : translate(cause);
        });
    }

    static ProviderException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProviderException known) {
            return known;
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return ProviderException.timeout();
        }
        if (cause instanceof ConnectException) {
            return ProviderException.io("connection refused");
        }
        return ProviderException.io("network error (" + cause.getClass().getSimpleName() + ")");
    }

    /**
     * A token count of a provider's usage object: 0 when it sent none, a malformed response when it
     * sent one the usage ledger cannot hold (not a number, negative, beyond {@link UsageEvent#MAX_COUNT}).
     */
    public static long tokenCount(JsonNode usage, String field) {
        JsonNode value = usage.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > UsageEvent.MAX_COUNT) {
            throw ProviderException.malformed(field + " is not a token count");
        }
        return value.longValue();
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
