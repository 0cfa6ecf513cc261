package dev.llmgateway.api.wire.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/chat/completions}, as OpenAI defines it. Only what the gateway acts
 * on is read; other parameters (e.g. {@code top_p}, {@code stop}, {@code seed}) are accepted and
 * ignored, so SDKs that send them still work. {@code tools}/{@code functions} are read only to
 * refuse them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Boolean stream,
        StreamOptions streamOptions,
        String user,
        Integer n,
        Map<String, String> metadata,
        List<JsonNode> tools,
        List<JsonNode> functions) {

    /** {@code content} is a string or an array of content parts ({@code {"type": "text", "text": ...}}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, JsonNode content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StreamOptions(Boolean includeUsage) {
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean usageInStream() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
