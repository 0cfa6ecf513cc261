package dev.llmgateway.api.admin;

import dev.llmgateway.api.resources.OverrideResource;
import dev.llmgateway.api.resources.ProviderResource;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.provider.CatalogRefresher;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the admin endpoints (providers, customer overrides); the admin key guards them all. */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private AdminApi() {
    }

    public static void register(Environment env, Jdbi jdbi, SecretBox secrets, CatalogRefresher catalog) {
        Runnable changed = () -> refreshQuietly(catalog);
        env.jersey().register(new ProviderResource(new ProviderAdmin(jdbi, secrets, env.getObjectMapper(), changed)));
        env.jersey().register(new OverrideResource(new OverrideAdmin(jdbi, changed)));
    }

    /** The write is committed either way; if this reload fails the periodic one picks the change up. */
    private static void refreshQuietly(CatalogRefresher catalog) {
        try {
            catalog.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Saved, but reloading this instance's provider catalog failed ({}); the next periodic refresh will",
                    e.getMessage());
        }
    }
}
