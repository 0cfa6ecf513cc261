package dev.llmgateway.worker;

import com.codahale.metrics.MetricRegistry;
import dev.llmgateway.core.cost.CostCalculator;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.db.CatalogDao;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.provider.CatalogRefresher;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.routing.Router;
import dev.llmgateway.core.ratelimit.LocalRateLimiter;
import dev.llmgateway.core.ratelimit.RateLimits;
import dev.llmgateway.core.ratelimit.RedisRateLimiter;
import dev.llmgateway.core.redis.RedisConnection;
import dev.llmgateway.core.redis.RedisSettings;
import dev.llmgateway.worker.execution.GenerationExecutor;
import dev.llmgateway.worker.execution.Pacer;
import dev.llmgateway.worker.execution.RetryPolicy;
import dev.llmgateway.worker.kafka.WorkerPool;
import dev.llmgateway.worker.provider.ProviderClients;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.jdbi.v3.core.Jdbi;

/**
 * A whole worker, wired: provider catalog refresh, provider clients, execution with retries and
 * fallback, and the consumer pool. Used by the worker process, the standalone process and tests.
 */
public final class Worker implements Managed {
    private final KafkaFactory kafka;
    private final CatalogRefresher catalog;
    private final WorkerPool pool;
    private final ScheduledExecutorService timer;
    private final RedisConnection redis;

    public Worker(KafkaFactory kafka, Jdbi jdbi, SecretBox secrets, PriceTable prices, WorkerSettings settings,
            RetryPolicy retryPolicy) {
        this(kafka, jdbi, secrets, prices, settings, retryPolicy, null);
    }

    /** @param redis where the shared rate limits live; null to pace batch jobs by local limits only */
    public Worker(KafkaFactory kafka, Jdbi jdbi, SecretBox secrets, PriceTable prices, WorkerSettings settings,
            RetryPolicy retryPolicy, RedisSettings redis) {
        this(kafka, jdbi, secrets, prices, settings, retryPolicy, redis, new MetricRegistry());
    }

    /** @param metrics where provider latency and errors, jobs in flight and consumer lag are reported */
    public Worker(KafkaFactory kafka, Jdbi jdbi, SecretBox secrets, PriceTable prices, WorkerSettings settings,
            RetryPolicy retryPolicy, RedisSettings redis, MetricRegistry metrics) {
        this.kafka = kafka;
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "worker-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.catalog = new CatalogRefresher(
                () -> jdbi.withExtension(CatalogDao.class, dao -> new ProviderCatalog(dao.providers(), dao.overrides())),
                timer, Duration.ofMillis(settings.getCatalogRefresh().toMilliseconds()));
        LocalRateLimiter local = new LocalRateLimiter(Clock.systemUTC());
        this.redis = redis == null ? null : RedisConnection.connect(redis, timer);
        RateLimits limits = this.redis == null ? RateLimits.localOnly(local)
                : new RateLimits(new RedisRateLimiter(this.redis, Clock.systemUTC()), local, 1);
        GenerationExecutor executor = new GenerationExecutor(catalog, ProviderClients.create(timer).instrumented(metrics), secrets,
                new CostCalculator(prices), new Router(), timer, Clock.systemUTC(), retryPolicy, new Pacer(limits, timer));
        this.pool = new WorkerPool(kafka, executor, timer, settings.getGroupId(), settings.getConsumers(),
                settings.getMaxInFlightPerConsumer());
        metrics.gauge("worker.jobs.in-flight", () -> pool::inFlight);
        metrics.gauge("worker.consumer.lag", () -> pool::lag);
    }

    @Override
    public void start() {
        try (Admin admin = kafka.buildAdmin("gateway-worker-admin")) {
            new TopicInitializer(admin, kafka).createSharedTopics();
        }
        catalog.start();
        pool.start();
    }

    @Override
    public void stop() throws Exception {
        pool.stop();
        catalog.stop();
        if (redis != null) {
            redis.close();
        }
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Reloads providers and overrides now instead of at the next refresh. */
    public void refreshCatalog() {
        catalog.refresh();
    }

    public boolean isReady() {
        return pool.isReady();
    }

    public int inFlight() {
        return pool.inFlight();
    }
}
