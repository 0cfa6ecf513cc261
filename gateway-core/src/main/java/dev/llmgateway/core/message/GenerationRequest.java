package dev.llmgateway.core.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generation job on {@code llm.requests}. Either {@code prompt} or {@code messages} is set.
 * {@code candidates}, when present, is the routed provider list in fallback order; when absent
 * (batch producers may omit it, and {@code provider}/{@code model}) the worker routes the job.
 * {@code deadline}, when present, is the instant after which nobody waits for the answer.
 * {@code stream} (default false) asks the worker to send the answer's pieces as they come, as
 * {@link GenerationChunk}s on the reply topic, before the {@link GenerationResult} that ends every job.
 * The id, user, service, provider and model follow {@link Names}: the same rule as the REST API's, so a
 * job whose usage could never be recorded is dead-lettered instead of answered.
 */
public record GenerationRequest(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String userId,
        @JsonProperty(required = true) String service,
        String prompt,
        String system,
        List<ChatMessage> messages,
        String provider,
        String model,
        Integer maxTokens,
        Double temperature,
        Map<String, String> metadata,
        List<ProviderTarget> candidates,
        Instant deadline,
        Instant createdAt,
        boolean stream) {

    public GenerationRequest {
        Names.require(id, "id");
        Names.require(userId, "user_id");
        Names.require(service, "service");
        Names.optional(provider, "provider");
        Names.optional(model, "model");
        boolean hasPrompt = prompt != null && !prompt.isEmpty();
        boolean hasMessages = messages != null && !messages.isEmpty();
        if (hasPrompt == hasMessages) {
            throw new IllegalArgumentException("exactly one of prompt or messages is required");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be >= 1, got " + maxTokens);
        }
        messages = messages == null ? null : List.copyOf(messages);
        metadata = metadata == null ? null : Map.copyOf(metadata);
        candidates = candidates == null ? null : List.copyOf(candidates);
    }

    /** The conversation to send: {@code messages}, or the prompt as one user turn. */
    @JsonIgnore
    public List<ChatMessage> conversation() {
        return messages != null ? messages : List.of(ChatMessage.user(prompt));
    }

    public GenerationRequest withCandidates(List<ProviderTarget> routed) {
        return new GenerationRequest(id, userId, service, prompt, system, messages, provider, model, maxTokens,
                temperature, metadata, routed, deadline, createdAt, stream);
    }

    /** This job, asking the worker to stream its answer as chunks before the result. */
    public GenerationRequest streamed() {
        return new GenerationRequest(id, userId, service, prompt, system, messages, provider, model, maxTokens,
                temperature, metadata, candidates, deadline, createdAt, true);
    }

    public static Builder builder(String id, String userId, String service) {
        return new Builder(id, userId, service);
    }

    /** Fluent construction for code and tests; JSON goes through the canonical constructor. */
    public static final class Builder {
        private final String id;
        private final String userId;
        private final String service;
        private String prompt;
        private String system;
        private List<ChatMessage> messages;
        private String provider;
        private String model;
        private Integer maxTokens;
        private Double temperature;
        private Map<String, String> metadata;
        private List<ProviderTarget> candidates;
        private Instant deadline;
        private Instant createdAt;
        private boolean stream;

        private Builder(String id, String userId, String service) {
            this.id = id;
            this.userId = userId;
            this.service = service;
        }

        public Builder prompt(String value) { this.prompt = value; return this; }
        public Builder system(String value) { this.system = value; return this; }
        public Builder messages(List<ChatMessage> value) { this.messages = value; return this; }
        public Builder provider(String value) { this.provider = value; return this; }
        public Builder model(String value) { this.model = value; return this; }
        public Builder maxTokens(Integer value) { this.maxTokens = value; return this; }
        public Builder temperature(Double value) { this.temperature = value; return this; }
        public Builder metadata(Map<String, String> value) { this.metadata = value; return this; }
        public Builder candidates(List<ProviderTarget> value) { this.candidates = value; return this; }
        public Builder deadline(Instant value) { this.deadline = value; return this; }
        public Builder createdAt(Instant value) { this.createdAt = value; return this; }
        public Builder stream(boolean value) { this.stream = value; return this; }

        public GenerationRequest build() {
            return new GenerationRequest(id, userId, service, prompt, system, messages, provider, model, maxTokens,
                    temperature, metadata, candidates, deadline, createdAt, stream);
        }
    }
}
