package dev.llmgateway.worker.provider.mock;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.TokenUsage;
import dev.llmgateway.worker.provider.ProviderCall;
import dev.llmgateway.worker.provider.ProviderClient;
import dev.llmgateway.worker.provider.ProviderResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A deterministic in-process provider for demos, tests and benchmarks: it answers
 * {@code "Mock response to: <last user message>"} and counts whitespace-separated words as tokens.
 * A {@code base_url} of {@code mock://?latency_ms=50} adds latency without holding a thread.
 * Streamed, the answer comes in one piece per word, each with the whitespace before it.
 */
public final class MockClient implements ProviderClient {
    private static final Pattern BEFORE_WHITESPACE = Pattern.compile("(?<=\\S)(?=\\s)");

    private final ScheduledExecutorService timer;

    public MockClient(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public CompletableFuture<ProviderResponse> generate(ProviderCall call) {
        String last = call.messages().isEmpty() ? "" : call.messages().get(call.messages().size() - 1).content();
        String content = "Mock response to: " + last;
        long input = words(call.system()) + call.messages().stream().map(ChatMessage::content).mapToLong(MockClient::words).sum();
        String finish = "stop";
        if (call.maxTokens() != null && words(content) > call.maxTokens()) {
            content = String.join(" ", java.util.Arrays.asList(content.split("\\s+")).subList(0, call.maxTokens()));
            finish = "length";
        }
        ProviderResponse response = new ProviderResponse(content, finish, new TokenUsage(input, words(content)));
        long latency = latencyMs(call.provider().baseUrl());
        if (latency <= 0) {
            return CompletableFuture.completedFuture(response);
        }
        Executor delayed = task -> timer.schedule(task, latency, TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> response, delayed);
    }

    @Override
    public CompletableFuture<ProviderResponse> stream(ProviderCall call, Consumer<String> deltas) {
        return generate(call).thenApply(response -> {
            for (String piece : pieces(response.content())) {
                deltas.accept(piece);
            }
            return response;
        });
    }

    static java.util.List<String> pieces(String content) {
        return content.isEmpty() ? java.util.List.of() : java.util.List.of(BEFORE_WHITESPACE.split(content));
    }

    static long words(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return text.trim().split("\\s+").length;
    }

    /** {@code latency_ms} from the base URL's query; 0 without one, whatever else the base URL is. */
    static long latencyMs(String baseUrl) {
        int query = baseUrl == null ? -1 : baseUrl.indexOf('?');
        if (query < 0) {
            return 0;
        }
        for (String pair : baseUrl.substring(query + 1).split("&")) {
            if (pair.startsWith("latency_ms=")) {
                String value = pair.substring("latency_ms=".length());
                try {
                    return Math.max(0, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("latency_ms must be a number of milliseconds, got '" + value + "'");
                }
            }
        }
        return 0;
    }
}
