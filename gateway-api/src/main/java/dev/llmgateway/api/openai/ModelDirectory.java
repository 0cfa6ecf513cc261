package dev.llmgateway.api.openai;

import dev.llmgateway.api.errors.ApiError.FieldError;
import dev.llmgateway.api.errors.ApiException;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The models the OpenAI-compatible endpoint offers: every model an enabled provider lists, as
 * {@code provider/model}, and {@value #AUTO}, which lets the gateway route (customer override,
 * then provider priority) as /generate does without a model.
 */
public final class ModelDirectory {
    public static final String AUTO = "auto";
    public static final String OWNER = "llm-gateway";

    private final Supplier<ProviderCatalog> catalog;

    public ModelDirectory(Supplier<ProviderCatalog> catalog) {
        this.catalog = catalog;
    }

    /** A provider and model to ask for; either may be null, for the router to choose. */
    public record Choice(String provider, String model) {
    }

    /** A listed model: its id and the provider that owns it. */
    public record Entry(String id, String owner) {
    }

    /** {@value #AUTO} first, then each enabled provider's models, providers in priority order. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(AUTO, OWNER));
        for (ProviderConfig provider : catalog.get().enabledByPriority()) {
            for (String model : modelsOf(provider)) {
                entries.add(new Entry(provider.name() + "/" + model, provider.name()));
            }
        }
        return entries;
    }

    /**
     * {@code provider/model} when that provider is enabled (any model: its list may be
     * incomplete), else a model name an enabled provider lists (the first by priority), else
     * {@value #AUTO}; otherwise 404 {@code model_not_found}.
     */
    public Choice resolve(String model) {
        ProviderCatalog providers = catalog.get();
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String provider = model.substring(0, slash);
            if (providers.provider(provider).filter(ProviderConfig::enabled).isPresent()) {
                return new Choice(provider, model.substring(slash + 1));
            }
        }
        for (ProviderConfig provider : providers.enabledByPriority()) {
            if (modelsOf(provider).contains(model)) {
                return new Choice(provider.name(), model);
            }
        }
        if (AUTO.equals(model)) {
            return new Choice(null, null);
        }
        throw notFoundError(model);
    }

    private static Set<String> modelsOf(ProviderConfig provider) {
        Set<String> models = new LinkedHashSet<>(provider.models());
        provider.fallbackModel().ifPresent(models::add);
        return models;
    }

    public static ApiException notFoundError(String model) {
        return new ApiException(404, "model_not_found", "The model '" + model + "' does not exist or no enabled "
                + "provider offers it; GET /v1/models lists the models", List.of(new FieldError("model",
                "unknown model")), Map.of(), null);
    }
}
