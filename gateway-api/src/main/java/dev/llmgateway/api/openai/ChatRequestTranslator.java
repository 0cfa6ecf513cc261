package dev.llmgateway.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.wire.GenerateRequest;
import dev.llmgateway.api.wire.MessageDto;
import dev.llmgateway.api.wire.openai.ChatCompletionRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an OpenAI chat completion request into the gateway's generation request: {@code system}
 * and {@code developer} messages become the system prompt (joined by blank lines, wherever they
 * stand), {@code user} becomes user_id, the service comes from a header. Problems the gateway's
 * validator would name by its own field names are checked here first, named as OpenAI's
 * parameters ({@code messages[2].content}, {@code max_completion_tokens}).
 */
public final class ChatRequestTranslator {
    /** user_id of requests that name no {@code user}. */
    public static final String ANONYMOUS_USER = "anonymous";
    public static final String DEFAULT_SERVICE = "default";

    private final ModelDirectory models;
    private final int maxTokensLimit;

    public ChatRequestTranslator(ModelDirectory models, int maxTokensLimit) {
        this.models = models;
        this.maxTokensLimit = maxTokensLimit;
    }

    public GenerateRequest translate(ChatCompletionRequest request, String service) {
        if (request == null) {
            throw ApiException.invalidJson("request body is required: a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.model() == null || request.model().isBlank()) {
            errors.add(new FieldError("model", "you must provide a model parameter"));
        }
        StringBuilder system = new StringBuilder();
        List<MessageDto> turns = conversation(request.messages(), system, errors);
        String tokensParam = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        if (maxTokens != null && (maxTokens < 1 || maxTokens > maxTokensLimit)) {
            errors.add(new FieldError(tokensParam, "must be between 1 and " + maxTokensLimit));
        }
        if (request.n() != null && request.n() != 1) {
            errors.add(new FieldError("n", "only n=1 is supported"));
        }
        if (request.tools() != null && !request.tools().isEmpty()) {
            errors.add(new FieldError("tools", "tools are not supported by this gateway"));
        }
        if (request.functions() != null && !request.functions().isEmpty()) {
            errors.add(new FieldError("functions", "functions are not supported by this gateway"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        ModelDirectory.Choice choice = models.resolve(request.model());
        String user = request.user() == null || request.user().isBlank() ? ANONYMOUS_USER : request.user();
        String serviceName = service == null || service.isBlank() ? DEFAULT_SERVICE : service;
        return new GenerateRequest(user, serviceName, null, system.isEmpty() ? null : system.toString(), turns,
                choice.provider(), choice.model(), maxTokens, request.temperature(), null, null, request.metadata());
    }

    private static List<MessageDto> conversation(List<ChatCompletionRequest.Message> messages, StringBuilder system,
            List<FieldError> errors) {
        if (messages == null || messages.isEmpty()) {
            errors.add(new FieldError("messages", "must contain at least one message"));
            return List.of();
        }
        List<MessageDto> turns = new ArrayList<>();
        String lastRole = null;
        for (int i = 0; i < messages.size(); i++) {
            ChatCompletionRequest.Message message = messages.get(i);
            String at = "messages[" + i + "]";
            if (message == null) {
                errors.add(new FieldError(at, "must be an object with role and content"));
                continue;
            }
            String text = text(message.content(), at + ".content", errors);
            String role = message.role() == null ? "" : message.role();
            switch (role) {
                case "system", "developer" -> {
                    if (text != null) {
                        system.append(system.isEmpty() ? "" : "\n\n").append(text);
                    }
                }
                case "user", "assistant" -> {
                    turns.add(new MessageDto(role, text));
                    lastRole = role;
                }
                case "tool", "function" -> errors.add(new FieldError(at + ".role",
                        "'" + role + "' messages are not supported by this gateway"));
                default -> errors.add(new FieldError(at + ".role",
                        "must be one of 'system', 'developer', 'user', 'assistant'"));
            }
        }
        if (errors.isEmpty() && !"user".equals(lastRole)) {
            errors.add(new FieldError("messages", "the last user or assistant message must have role 'user'"));
        }
        return turns;
    }

    private static String text(JsonNode content, String at, List<FieldError> errors) {
        if (content == null || content.isNull()) {
            errors.add(new FieldError(at, "is required"));
            return null;
        }
        if (content.isTextual()) {
            if (content.asText().isEmpty()) {
                errors.add(new FieldError(at, "must not be empty"));
                return null;
            }
            return content.asText();
        }
        if (!content.isArray() || content.isEmpty()) {
            errors.add(new FieldError(at, "must be a string or a non-empty array of text parts"));
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                errors.add(new FieldError(at, "only text parts ({\"type\": \"text\", \"text\": ...}) are supported"));
                return null;
            }
            text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
        }
        return text.toString();
    }
}
