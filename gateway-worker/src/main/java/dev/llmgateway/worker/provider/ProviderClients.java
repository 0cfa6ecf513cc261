package dev.llmgateway.worker.provider;

import dev.llmgateway.core.provider.ProviderType;
import dev.llmgateway.worker.provider.anthropic.AnthropicClient;
import dev.llmgateway.worker.provider.mock.MockClient;
import dev.llmgateway.worker.provider.openai.OpenAiClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** The client for each provider type, sharing one HTTP connection pool. */
public final class ProviderClients {
    private final Map<ProviderType, ProviderClient> byType = new EnumMap<>(ProviderType.class);

    public ProviderClients(Map<ProviderType, ProviderClient> clients) {
        byType.putAll(clients);
    }

    public static ProviderClients create(ScheduledExecutorService timer) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpJson json = new HttpJson(http);
        OpenAiClient openAi = new OpenAiClient(json);
        return new ProviderClients(Map.of(
                ProviderType.ANTHROPIC, new AnthropicClient(json),
                ProviderType.OPENAI, openAi,
                ProviderType.CUSTOM, openAi,
                ProviderType.MOCK, new MockClient(timer)));
    }

    /** The same clients, each call timed and its failures counted per provider in {@code metrics}. */
    public ProviderClients instrumented(com.codahale.metrics.MetricRegistry metrics) {
        Map<ProviderType, ProviderClient> wrapped = new EnumMap<>(ProviderType.class);
        byType.forEach((type, client) -> wrapped.put(type, new InstrumentedClient(client, metrics)));
        return new ProviderClients(wrapped);
    }

    public ProviderClient forType(ProviderType type) {
        ProviderClient client = byType.get(type);
        if (client == null) {
            throw new IllegalStateException("no client for provider type " + type.wireName());
        }
        return client;
    }
}
