package dev.llmgateway.api.wire.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A {@code chat.completion} object, the 200 body of {@code POST /v1/chat/completions}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletion(
        String id,
        @JsonProperty("object") String object,
        long created,
        String model,
        List<Choice> choices,
        Usage usage,
        @JsonInclude(JsonInclude.Include.ALWAYS) String systemFingerprint) {

    public static final String OBJECT = "chat.completion";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(
            int index,
            Message message,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            String finishReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Message(
            String role,
            @JsonInclude(JsonInclude.Include.ALWAYS) String content,
            @JsonInclude(JsonInclude.Include.ALWAYS) String refusal,
            List<Object> annotations) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(long promptTokens, long completionTokens, long totalTokens) {
        public static Usage of(long prompt, long completion) {
            return new Usage(prompt, completion, prompt + completion);
        }
    }
}
