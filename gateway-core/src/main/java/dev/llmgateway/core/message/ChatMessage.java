package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** One turn of a conversation: {@code role} is {@code user} or {@code assistant}. */
public record ChatMessage(
        @JsonProperty(required = true) String role,
        @JsonProperty(required = true) String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role is required");
        Objects.requireNonNull(content, "content is required");
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }
}
