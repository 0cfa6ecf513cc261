package dev.llmgateway.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.provider.ProviderConfig;
import dev.llmgateway.core.provider.ProviderType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Building calls to a provider and reading their outcome, for the provider client tests. */
public final class ProviderCalls {
    public static final String KEY = "sk-test-key-123";

    private ProviderCalls() {
    }

    /** The JSON transport the worker uses, on its own connection pool. */
    public static HttpJson http() {
        return new HttpJson(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    public static ProviderConfig provider(ProviderType type, String baseUrl) {
        return new ProviderConfig("test-" + type.wireName(), type, "Test", baseUrl, null, List.of("m"), "m", true, 10,
                null, 5_000, 0);
    }

    public static ProviderCall call(ProviderConfig provider, String apiKey, String model, String system,
            Integer maxTokens, Double temperature, List<ChatMessage> messages, Duration timeout) {
        return new ProviderCall(provider, apiKey, model, system, messages, maxTokens, temperature, timeout, "req-1");
    }

    public static <T> T answer(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call failed", e);
        }
    }

    /** The {@link ProviderException} the future fails with (within 10 s). */
    public static ProviderException failure(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(ProviderException.class);
        return (ProviderException) thrown.getCause();
    }

    /** A local port nobody listens on (free a moment ago). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
