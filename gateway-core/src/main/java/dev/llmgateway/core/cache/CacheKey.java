package dev.llmgateway.core.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.ProviderTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The response-cache key of a routed request: SHA-256 of the canonical JSON of (provider, model,
 * system, messages, max_tokens, temperature). A prompt and the same text as one user message give
 * the same key. The version prefix changes whenever the cached value's shape does.
 */
public final class CacheKey {
    public static final String VERSION = "v1";

    private CacheKey() {
    }

    public static String of(ProviderTarget target, GenerationRequest request) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("provider", target.provider());
        canonical.put("model", target.model());
        canonical.put("system", request.system());
        ArrayNode messages = canonical.putArray("messages");
        for (ChatMessage message : request.conversation()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        canonical.put("max_tokens", request.maxTokens());
        canonical.put("temperature", request.temperature());
        return VERSION + ":" + sha256(Json.write(canonical));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
