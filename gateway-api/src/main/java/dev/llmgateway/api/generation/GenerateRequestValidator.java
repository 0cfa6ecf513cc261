package dev.llmgateway.api.generation;

import dev.llmgateway.api.GenerationSettings;
import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.api.wire.MessageDto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a generation request against API.md and the configured limits; all problems at once. */
public final class GenerateRequestValidator {
    private static final int MAX_ID_CHARS = 256;
    private static final int MAX_METADATA_ENTRIES = 64;
    private static final Set<String> ROLES = Set.of("user", "assistant");
    private static final String UNPAIRED_SURROGATE = "must be valid Unicode text, without unpaired surrogates";
    private static final String HAS_NUL = "must not contain NUL characters";

    private final GenerationSettings limits;

    public GenerateRequestValidator(GenerationSettings limits) {
        this.limits = limits;
    }

    public void validate(GenerateRequest request) {
        if (request == null) {
            throw ApiException.invalidJson("request body is required: a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        requireName(errors, "user_id", request.userId());
        requireName(errors, "service", request.service());
        boolean hasPrompt = request.prompt() != null;
        boolean hasMessages = request.messages() != null;
        if (hasPrompt == hasMessages) {
            errors.add(new FieldError(hasPrompt ? "messages" : "prompt", "send exactly one of prompt or messages"));
        }
        long chars = 0;
        if (hasPrompt) {
            if (request.prompt().isBlank()) {
                errors.add(new FieldError("prompt", "must not be empty"));
            }
            chars += request.prompt().length();
        }
        if (hasMessages) {
            chars += checkMessages(errors, request.messages());
        }
        if (request.system() != null) {
            chars += request.system().length();
        }
        if (chars > limits.getMaxPromptChars()) {
            errors.add(new FieldError(hasPrompt ? "prompt" : "messages", "prompt is " + chars
                    + " characters, over the limit of " + limits.getMaxPromptChars()));
        }
        optionalName(errors, "provider", request.provider());
        optionalName(errors, "model", request.model());
        if (request.maxTokens() != null && (request.maxTokens() < 1 || request.maxTokens() > limits.getMaxTokensLimit())) {
            errors.add(new FieldError("max_tokens", "must be between 1 and " + limits.getMaxTokensLimit()));
        }
        if (request.temperature() != null && !(request.temperature() >= 0 && request.temperature() <= 2)) {
            errors.add(new FieldError("temperature", "must be between 0 and 2"));
        }
        long maxTimeout = limits.getMaxTimeout().toMilliseconds();
        if (request.timeoutMs() != null && (request.timeoutMs() < 1 || request.timeoutMs() > maxTimeout)) {
            errors.add(new FieldError("timeout_ms", "must be between 1 and " + maxTimeout));
        }
        if (request.metadata() != null) {
            if (request.metadata().size() > MAX_METADATA_ENTRIES) {
                errors.add(new FieldError("metadata", "at most " + MAX_METADATA_ENTRIES + " entries"));
            }
            if (request.metadata().containsValue(null) || request.metadata().containsKey(null)) {
                errors.add(new FieldError("metadata", "keys and values must be strings"));
            } else if (request.metadata().entrySet().stream()
                    .anyMatch(e -> !isUnicode(e.getKey()) || !isUnicode(e.getValue()))) {
                errors.add(new FieldError("metadata", UNPAIRED_SURROGATE));
            } else if (request.metadata().entrySet().stream()
                    .anyMatch(e -> e.getKey().indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0)) {
                errors.add(new FieldError("metadata", HAS_NUL));
            }
        }
        unicodeText(errors, "prompt", request.prompt());
        unicodeText(errors, "system", request.system());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private static long checkMessages(List<FieldError> errors, List<MessageDto> messages) {
        if (messages.isEmpty()) {
            errors.add(new FieldError("messages", "must contain at least one message"));
            return 0;
        }
        long chars = 0;
        for (int i = 0; i < messages.size(); i++) {
            MessageDto message = messages.get(i);
            String at = "messages[" + i + "]";
            if (message == null) {
                errors.add(new FieldError(at, "must be an object with role and content"));
                continue;
            }
            if (message.role() == null || !ROLES.contains(message.role())) {
                errors.add(new FieldError(at + ".role", "must be 'user' or 'assistant'"));
            }
            if (message.content() == null || message.content().isEmpty()) {
                errors.add(new FieldError(at + ".content", "is required"));
            } else {
                chars += message.content().length();
                unicodeText(errors, at + ".content", message.content());
            }
        }
        if (!"user".equals(messages.get(messages.size() - 1) == null ? null : messages.get(messages.size() - 1).role())) {
            errors.add(new FieldError("messages", "the last message must have role 'user'"));
        }
        return chars;
    }

    private static void requireName(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            optionalName(errors, field, value);
        }
    }

    private static void optionalName(List<FieldError> errors, String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_ID_CHARS || value.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_ID_CHARS + " printable characters"));
        } else {
            unicodeText(errors, field, value);
        }
    }

    /** Text a job can carry: storable as JSON in Kafka and in Postgres ({@code jsonb} holds no NUL). */
    private static void unicodeText(List<FieldError> errors, String field, String value) {
        if (value != null && !isUnicode(value)) {
            errors.add(new FieldError(field, UNPAIRED_SURROGATE));
        } else if (value != null && value.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, HAS_NUL));
        }
    }

    /**
     * False for text with half of a surrogate pair (JSON's {@code "\ud800"}): it has no UTF-8 form, so
     * the job written to Kafka could not be read by the worker, nor its usage event by the usage stream.
     */
    static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
