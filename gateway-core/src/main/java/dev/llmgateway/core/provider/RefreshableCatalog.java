package dev.llmgateway.core.provider;

import java.util.function.Supplier;

/** A catalog that can be reloaded on demand, e.g. when a job names a provider it has not seen yet. */
public interface RefreshableCatalog extends Supplier<ProviderCatalog> {
    void refresh();
}
