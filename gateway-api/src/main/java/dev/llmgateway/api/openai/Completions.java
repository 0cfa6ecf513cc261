package dev.llmgateway.api.openai;

import dev.llmgateway.api.wire.openai.ChatCompletion;
import dev.llmgateway.api.wire.openai.ChatCompletionChunk;
import dev.llmgateway.core.message.GenerationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A gateway answer in OpenAI's shapes. The completion's id is the gateway's request id (so usage
 * and logs can be matched to it) and its model is {@code provider/model}, the id
 * {@code GET /v1/models} lists.
 */
public final class Completions {
    private static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter");

    private Completions() {
    }

    public static ChatCompletion completion(GenerationResult result, long created) {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", content(result), null, List.of());
        return new ChatCompletion(result.id(), ChatCompletion.OBJECT, created, modelId(result),
                List.of(new ChatCompletion.Choice(0, message, null, finishReason(result))), usage(result), null);
    }

    /**
     * The whole answer as a chunk stream: the role, the content (one chunk), the finish reason,
     * and, when {@code includeUsage}, a last chunk with no choices and the usage, as OpenAI's
     * {@code stream_options.include_usage} does.
     */
    public static List<ChatCompletionChunk> chunks(GenerationResult result, long created, boolean includeUsage) {
        String model = modelId(result);
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        chunks.add(roleChunk(result.id(), model, created));
        if (!content(result).isEmpty()) {
            chunks.add(contentChunk(result.id(), model, created, content(result)));
        }
        chunks.add(finishChunk(result, model, created));
        if (includeUsage) {
            chunks.add(usageChunk(result, model, created));
        }
        return chunks;
    }

    /** The first chunk of a stream: the assistant's role, no content yet. */
    static ChatCompletionChunk roleChunk(String id, String model, long created) {
        return chunk(id, model, created, new ChatCompletionChunk.Delta("assistant", ""), null);
    }

    static ChatCompletionChunk contentChunk(String id, String model, long created, String content) {
        return chunk(id, model, created, new ChatCompletionChunk.Delta(null, content), null);
    }

    /** The last chunk with a choice: no delta, the finish reason. */
    static ChatCompletionChunk finishChunk(GenerationResult result, String model, long created) {
        return chunk(result.id(), model, created, new ChatCompletionChunk.Delta(null, null), finishReason(result));
    }

    /** After the finish chunk, with {@code include_usage}: no choices, the usage. */
    static ChatCompletionChunk usageChunk(GenerationResult result, String model, long created) {
        return new ChatCompletionChunk(result.id(), ChatCompletionChunk.OBJECT, created, model, List.of(),
                usage(result), null);
    }

    private static ChatCompletionChunk chunk(String id, String model, long created, ChatCompletionChunk.Delta delta,
            String finishReason) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                List.of(new ChatCompletionChunk.Choice(0, delta, null, finishReason)), null, null);
    }

    static String modelId(GenerationResult result) {
        return modelId(result.provider(), result.model());
    }

    static String modelId(String provider, String model) {
        return provider == null ? model : provider + "/" + model;
    }

    private static String content(GenerationResult result) {
        return result.content() == null ? "" : result.content();
    }

    private static String finishReason(GenerationResult result) {
        return FINISH_REASONS.contains(result.finishReason()) ? result.finishReason() : "stop";
    }

    private static ChatCompletion.Usage usage(GenerationResult result) {
        return ChatCompletion.Usage.of(result.usage().inputTokens(), result.usage().outputTokens());
    }
}
