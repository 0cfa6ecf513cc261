package dev.llmgateway.core.provider;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a fresh {@link ProviderCatalog} for routing: reloads it every {@code interval}, so a
 * provider changed through any API instance is seen by every instance and worker within one
 * interval. While the store is unreachable the last good catalog keeps serving (logged once per
 * outage).
 */
public final class CatalogRefresher implements RefreshableCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRefresher.class);

    private final Supplier<ProviderCatalog> loader;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Object loading = new Object();
    private volatile ProviderCatalog current = ProviderCatalog.EMPTY;
    private volatile boolean failing;
    private ScheduledFuture<?> task;

    public CatalogRefresher(Supplier<ProviderCatalog> loader, ScheduledExecutorService scheduler, Duration interval) {
        this.loader = loader;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    /** Loads once (failing loudly if the store is unreachable at start), then keeps refreshing. */
    public synchronized void start() {
        refresh();
        task = scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * Reloads now, e.g. right after this instance changed the configuration. Loads run one at a
     * time, so a periodic load that read the store before the change cannot finish after this one
     * and put the old catalog back.
     */
    @Override
    public void refresh() {
        synchronized (loading) {
            current = loader.get();
        }
    }

    @Override
    public ProviderCatalog get() {
        return current;
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                LOG.info("Provider configuration reachable again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot reload provider configuration, routing keeps the last one: {}", e.getMessage());
                failing = true;
            }
        }
    }
}
