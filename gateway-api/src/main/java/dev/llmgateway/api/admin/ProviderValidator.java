package dev.llmgateway.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.api.db.StoredProvider;
import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.api.wire.ProviderRequest;
import dev.llmgateway.core.provider.ProviderType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a provider write against API.md; reports every bad field at once as a 422. */
final class ProviderValidator {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final List<String> NOT_NULLABLE =
            List.of("name", "type", "models", "is_enabled", "priority", "timeout_ms", "max_retries");
    private static final int MAX_TEXT = 256;
    private static final int MAX_URL = 2048;
    private static final int MAX_KEY = 4096;
    private static final int MAX_MODELS = 500;
    private static final int MAX_PRIORITY = 1_000_000;
    private static final int MAX_RPM = 1_000_000;
    private static final int MIN_TIMEOUT_MS = 100;
    private static final int MAX_TIMEOUT_MS = 600_000;
    private static final int MAX_RETRIES = 10;

    static final int DEFAULT_PRIORITY = 100;
    static final int DEFAULT_TIMEOUT_MS = 60_000;
    static final int DEFAULT_MAX_RETRIES = 2;

    private final List<FieldError> errors = new ArrayList<>();

    private ProviderValidator() {
    }

    /**
     * The provider {@code request} describes, defaults applied and without a key yet.
     *
     * @param given the JSON as sent, to tell an explicit null from an absent field
     * @param pathName the provider's name from the URL, or null when creating
     * @throws ApiException 422 naming every invalid field
     */
    static StoredProvider validate(ObjectNode given, ProviderRequest request, String pathName) {
        ProviderValidator v = new ProviderValidator();
        for (String field : NOT_NULLABLE) {
            if (given.has(field) && given.get(field).isNull()) {
                v.error(field, "must not be null; leave it out for the default");
            }
        }
        String name = request.name() == null ? pathName : request.name();
        v.checkName(name, pathName);
        ProviderType type = v.checkType(request.type());
        v.optionalText("display_name", request.displayName());
        v.checkBaseUrl(request.baseUrl(), type);
        v.checkApiKey(request.apiKey());
        List<String> models = request.models() == null ? List.of() : request.models();
        v.checkModels(models, request.defaultModel(), type);
        int priority = v.range("priority", request.priority(), DEFAULT_PRIORITY, 0, MAX_PRIORITY);
        if (request.rateLimitRpm() != null) {
            v.range("rate_limit_rpm", request.rateLimitRpm(), 0, 1, MAX_RPM);
        }
        int timeoutMs = v.range("timeout_ms", request.timeoutMs(), DEFAULT_TIMEOUT_MS, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
        int maxRetries = v.range("max_retries", request.maxRetries(), DEFAULT_MAX_RETRIES, 0, MAX_RETRIES);
        if (!v.errors.isEmpty()) {
            throw ApiException.validation(v.errors);
        }
        return new StoredProvider(name, type.wireName(), request.displayName(), request.baseUrl(), null, null, models,
                request.defaultModel(), request.isEnabled() == null || request.isEnabled(), priority,
                request.rateLimitRpm(), timeoutMs, maxRetries);
    }

    private void checkName(String name, String pathName) {
        if (name == null) {
            error("name", "is required");
        } else if (!NAME.matcher(name).matches()) {
            error("name", "must match " + NAME.pattern() + " (lower case letters, digits, '_' and '-')");
        } else if (pathName != null && !name.equals(pathName)) {
            error("name", "cannot be changed (this provider is '" + pathName + "'); create a new provider instead");
        }
    }

    private ProviderType checkType(String type) {
        if (type == null) {
            error("type", "is required: one of " + ProviderType.names());
            return ProviderType.MOCK;
        }
        try {
            return ProviderType.fromWire(type);
        } catch (IllegalArgumentException e) {
            error("type", "must be one of " + ProviderType.names());
            return ProviderType.MOCK;
        }
    }

    private void checkBaseUrl(String baseUrl, ProviderType type) {
        if (baseUrl == null) {
            if (type == ProviderType.CUSTOM) {
                error("base_url", "is required for type custom: the OpenAI-compatible server's URL, e.g. http://host:8000/v1");
            }
            return;
        }
        if (baseUrl.length() > MAX_URL) {
            error("base_url", "must be at most " + MAX_URL + " characters");
            return;
        }
        try {
            URI uri = new URI(baseUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                error("base_url", "must be an http:// or https:// URL with a host");
            } else if (uri.getRawUserInfo() != null) {
                error("base_url", "must not contain credentials; send the key as api_key");
            } else if (uri.getRawFragment() != null || uri.getRawQuery() != null && type != ProviderType.MOCK) {
                error("base_url", "must not have a query or fragment: the gateway appends the API path to it");
            }
        } catch (URISyntaxException e) {
            error("base_url", "is not a valid URL");
        }
    }

    private void checkApiKey(String apiKey) {
        if (apiKey == null) {
            return;
        }
        if (apiKey.isBlank()) {
            error("api_key", "must not be blank; send null to remove the key");
        } else if (apiKey.length() > MAX_KEY) {
            error("api_key", "must be at most " + MAX_KEY + " characters");
        } else if (apiKey.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            error("api_key", "must be the key alone, without spaces or line breaks");
        }
    }

    private void checkModels(List<String> models, String defaultModel, ProviderType type) {
        if (models.size() > MAX_MODELS) {
            error("models", "at most " + MAX_MODELS + " models");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            if (model == null || model.isBlank() || model.length() > MAX_TEXT || model.chars().anyMatch(Character::isISOControl)) {
                error("models[" + i + "]", "must be a non-blank string of at most " + MAX_TEXT + " characters");
            } else if (!seen.add(model)) {
                error("models[" + i + "]", "'" + model + "' is listed twice");
            }
        }
        optionalText("default_model", defaultModel);
        if (defaultModel != null && !models.isEmpty() && !models.contains(defaultModel)) {
            error("default_model", "must be one of models");
        }
        if (type != ProviderType.MOCK && models.isEmpty() && defaultModel == null) {
            error("models", "list at least one model, or set default_model");
        }
    }

    private void optionalText(String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl))) {
            error(field, "must be 1 to " + MAX_TEXT + " printable characters, or null");
        }
    }

    private int range(String field, Integer value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            error(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
