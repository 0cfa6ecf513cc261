package dev.llmgateway.worker.provider;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.provider.ProviderConfig;
import java.time.Duration;
import java.util.List;

/**
 * One HTTP call to one provider. {@code apiKey} is the decrypted key: never log this record.
 */
public record ProviderCall(
        ProviderConfig provider,
        String apiKey,
        String model,
        String system,
        List<ChatMessage> messages,
        Integer maxTokens,
        Double temperature,
        Duration timeout,
        String requestId) {

    @Override
    public String toString() {
        return "ProviderCall[" + provider.name() + "/" + model + ", request " + requestId + "]";
    }
}
