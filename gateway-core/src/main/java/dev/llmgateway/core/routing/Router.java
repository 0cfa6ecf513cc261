package dev.llmgateway.core.routing;

import dev.llmgateway.core.message.ProviderTarget;
import dev.llmgateway.core.provider.CustomerOverride;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.provider.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the providers for a request, in the order they are to be tried: the caller's explicit
 * provider/model, else a customer override for (user, service), else for (user, any service),
 * else the enabled providers by ascending priority. Every other enabled provider follows as a
 * fallback, with its default model. Stateless; the catalog is passed in.
 */
public final class Router {

    public List<ProviderTarget> route(ProviderCatalog catalog, String userId, String service,
            String provider, String model) {
        if (catalog.enabledByPriority().isEmpty()) {
            throw new RoutingException(RoutingException.Reason.NO_PROVIDER, null,
                    "no provider is enabled; an operator must enable one");
        }
        ProviderTarget first = primary(catalog, userId, service, provider, model);
        List<ProviderTarget> targets = new ArrayList<>();
        targets.add(first);
        for (ProviderConfig fallback : catalog.enabledByPriority()) {
            if (!fallback.name().equals(first.provider())) {
                fallback.fallbackModel().ifPresent(m -> targets.add(new ProviderTarget(fallback.name(), m)));
            }
        }
        return List.copyOf(targets);
    }

    private ProviderTarget primary(ProviderCatalog catalog, String userId, String service, String provider,
            String model) {
        if (provider != null) {
            ProviderConfig chosen = catalog.provider(provider)
                    .filter(ProviderConfig::enabled)
                    .orElseThrow(() -> new RoutingException(RoutingException.Reason.INVALID_CHOICE, "provider",
                            "provider '" + provider + "' is unknown or disabled"));
            return target(chosen, model);
        }
        if (model != null) {
            return catalog.enabledByPriority().stream()
                    .filter(p -> p.lists(model))
                    .findFirst()
                    .map(p -> new ProviderTarget(p.name(), model))
                    .orElseThrow(() -> new RoutingException(RoutingException.Reason.INVALID_CHOICE, "model",
                            "no enabled provider offers model '" + model + "'"));
        }
        // An override whose provider is disabled or gone is skipped, so the next rule applies:
        // the (user, service) one, then the user's any-service one, then priority order.
        Optional<ProviderTarget> overridden = catalog.overrideFor(userId, service)
                .flatMap(o -> overrideTarget(catalog, o))
                .or(() -> catalog.overrideFor(userId, null).flatMap(o -> overrideTarget(catalog, o)));
        return overridden.orElseGet(() -> firstRoutable(catalog));
    }

    private static Optional<ProviderTarget> overrideTarget(ProviderCatalog catalog, CustomerOverride override) {
        return catalog.provider(override.providerName())
                .filter(ProviderConfig::enabled)
                .flatMap(p -> override.modelName() != null
                        ? Optional.of(new ProviderTarget(p.name(), override.modelName()))
                        : p.fallbackModel().map(m -> new ProviderTarget(p.name(), m)));
    }

    private static ProviderTarget firstRoutable(ProviderCatalog catalog) {
        return catalog.enabledByPriority().stream()
                .flatMap(p -> p.fallbackModel().map(m -> new ProviderTarget(p.name(), m)).stream())
                .findFirst()
                .orElseThrow(() -> new RoutingException(RoutingException.Reason.NO_PROVIDER, null,
                        "no enabled provider has a default model"));
    }

    private static ProviderTarget target(ProviderConfig provider, String model) {
        if (model != null) {
            return new ProviderTarget(provider.name(), model);
        }
        return provider.fallbackModel()
                .map(m -> new ProviderTarget(provider.name(), m))
                .orElseThrow(() -> new RoutingException(RoutingException.Reason.INVALID_CHOICE, "model",
                        "provider '" + provider.name() + "' has no default model; name one"));
    }
}
