package dev.llmgateway.api.wire.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One {@code chat.completion.chunk} event of a streamed completion. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletionChunk(
        String id,
        @JsonProperty("object") String object,
        long created,
        String model,
        List<Choice> choices,
        ChatCompletion.Usage usage,
        @JsonInclude(JsonInclude.Include.ALWAYS) String systemFingerprint) {

    public static final String OBJECT = "chat.completion.chunk";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(
            int index,
            Delta delta,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }

    /** What this chunk adds: the role (first chunk), content, or nothing (last chunk). */
    public record Delta(String role, String content) {
    }
}
