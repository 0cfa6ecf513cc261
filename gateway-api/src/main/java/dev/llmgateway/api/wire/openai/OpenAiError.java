package dev.llmgateway.api.wire.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}, nulls included. */
public record OpenAiError(Body error) {

    public record Body(
            String message,
            String type,
            @JsonInclude(JsonInclude.Include.ALWAYS) String param,
            @JsonInclude(JsonInclude.Include.ALWAYS) String code) {
    }
}
