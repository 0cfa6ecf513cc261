package dev.llmgateway.core.provider;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An immutable snapshot of the providers and customer overrides, as routing reads them. */
public final class ProviderCatalog {
    public static final ProviderCatalog EMPTY = new ProviderCatalog(List.of(), List.of());

    private final Map<String, ProviderConfig> byName;
    private final List<ProviderConfig> enabledByPriority;
    private final Map<String, CustomerOverride> overridesByUserAndService;

    public ProviderCatalog(List<ProviderConfig> providers, List<CustomerOverride> overrides) {
        this.byName = providers.stream().collect(Collectors.toUnmodifiableMap(ProviderConfig::name, Function.identity()));
        this.enabledByPriority = providers.stream()
                .filter(ProviderConfig::enabled)
                .sorted(Comparator.comparingInt(ProviderConfig::priority).thenComparing(ProviderConfig::name))
                .toList();
        this.overridesByUserAndService = overrides.stream().collect(Collectors.toUnmodifiableMap(
                o -> overrideKey(o.userId(), o.serviceName()), Function.identity(), (first, second) -> first));
    }

    public Optional<ProviderConfig> provider(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Enabled providers, lowest {@code priority} first (ties by name, so the order is stable). */
    public List<ProviderConfig> enabledByPriority() {
        return enabledByPriority;
    }

    /** The (user, service) override, else the user's any-service override. */
    public Optional<CustomerOverride> overrideFor(String userId, String service) {
        CustomerOverride exact = overridesByUserAndService.get(overrideKey(userId, service));
        return Optional.ofNullable(exact != null ? exact : overridesByUserAndService.get(overrideKey(userId, null)));
    }

    private static String overrideKey(String userId, String service) {
        return Objects.requireNonNull(userId) + '\u0000' + (service == null ? "\u0000*" : service);
    }
}
