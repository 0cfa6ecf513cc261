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
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        chunks.add(chunk(result, created, new ChatCompletionChunk.Delta("assistant", ""), null));
        if (!content(result).isEmpty()) {
            chunks.add(chunk(result, created, new ChatCompletionChunk.Delta(null, content(result)), null));
        }
        chunks.add(chunk(result, created, new ChatCompletionChunk.Delta(null, null), finishReason(result)));
        if (includeUsage) {
            chunks.add(new ChatCompletionChunk(result.id(), ChatCompletionChunk.OBJECT, created, modelId(result),
                    List.of(), usage(result), null));
        }
        return chunks;
    }

    private static ChatCompletionChunk chunk(GenerationResult result, long created, ChatCompletionChunk.Delta delta,
            String finishReason) {
        return new ChatCompletionChunk(result.id(), ChatCompletionChunk.OBJECT, created, modelId(result),
                List.of(new ChatCompletionChunk.Choice(0, delta, null, finishReason)), null, null);
    }

    static String modelId(GenerationResult result) {
        return result.provider() == null ? result.model() : result.provider() + "/" + result.model();
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
