package dev.llmgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmgateway.api.admin.AdminApi;
import dev.llmgateway.api.admin.MasterKey;
import dev.llmgateway.api.auth.ApiKeys;
import dev.llmgateway.api.auth.KeyFilters;
import dev.llmgateway.api.errors.ApiExceptionMapper;
import dev.llmgateway.api.errors.BodySizeLimitFilter;
import dev.llmgateway.api.errors.DatabaseErrorMapper;
import dev.llmgateway.api.errors.ErrorBodyFilter;
import dev.llmgateway.api.errors.JsonErrorHandler;
import dev.llmgateway.api.errors.JsonErrorMapper;
import dev.llmgateway.api.errors.UnexpectedErrorMapper;
import dev.llmgateway.api.errors.WebErrorMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmgateway.api.cache.ResponseCache;
import dev.llmgateway.api.generation.Admission;
import dev.llmgateway.api.generation.GenerationMetrics;
import dev.llmgateway.api.generation.GenerationService;
import dev.llmgateway.core.metrics.PrometheusMetrics;
import dev.llmgateway.api.health.HealthChecks;
import dev.llmgateway.api.health.RedisCheck;
import dev.llmgateway.api.kafka.UsagePublisher;
import dev.llmgateway.core.ratelimit.LocalRateLimiter;
import dev.llmgateway.core.ratelimit.RateLimits;
import dev.llmgateway.core.ratelimit.RedisRateLimiter;
import dev.llmgateway.core.redis.RedisConnection;
import dev.llmgateway.api.health.KafkaCheck;
import dev.llmgateway.api.health.PostgresCheck;
import dev.llmgateway.api.kafka.BrokerWatch;
import dev.llmgateway.api.kafka.JobProducer;
import dev.llmgateway.api.kafka.RequestReplyClient;
import dev.llmgateway.api.resources.GenerateResource;
import dev.llmgateway.api.resources.UsageResource;
import dev.llmgateway.api.db.UsageDao;
import dev.llmgateway.api.jobs.JobPurger;
import dev.llmgateway.api.jobs.JobResultRecorder;
import dev.llmgateway.api.jobs.JobService;
import dev.llmgateway.api.jobs.JobSettings;
import dev.llmgateway.api.jobs.JobStore;
import dev.llmgateway.api.jobs.LateAnswers;
import dev.llmgateway.api.openai.ChatRequestTranslator;
import dev.llmgateway.api.openai.ModelDirectory;
import dev.llmgateway.api.openai.OpenAiErrorFilter;
import dev.llmgateway.api.resources.ChatCompletionsResource;
import dev.llmgateway.api.resources.JobResource;
import dev.llmgateway.api.resources.ModelsResource;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.db.CatalogDao;
import dev.llmgateway.core.db.SchemaMigrator;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.TopicInitializer;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.provider.CatalogRefresher;
import dev.llmgateway.core.provider.ProviderCatalog;
import dev.llmgateway.core.routing.Router;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the API into a Dropwizard environment: the one place its objects are built. Shared by
 * {@link GatewayApplication} and the standalone process, which adds a worker and the usage stream.
 */
public final class ApiComponents {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration BROKER_PROBE_INTERVAL = Duration.ofMillis(500);
    private static final Duration BROKER_PROBE_TIMEOUT = Duration.ofSeconds(2);
    private final Jdbi jdbi;
    private final CatalogRefresher catalog;
    private final RequestReplyClient requestReply;
    private final ResponseCache cache;
    private final JobPurger jobPurger;

    private ApiComponents(Jdbi jdbi, CatalogRefresher catalog, RequestReplyClient requestReply, ResponseCache cache,
            JobPurger jobPurger) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.requestReply = requestReply;
        this.cache = cache;
        this.jobPurger = jobPurger;
    }

    public ResponseCache cache() {
        return cache;
    }

    public static ApiComponents install(GatewayConfiguration config, Environment env, String version) {
        SecretBox secrets = MasterKey.require(config.getMasterKey()); // before anything starts: refuse without one
        env.getObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        if (config.isMigrateOnStart()) {
            migrate(config, env);
        }
        Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), "postgres");
        ScheduledExecutorService timer = env.lifecycle().scheduledExecutorService("gateway-timer").threads(2).build();

        CatalogRefresher catalog = new CatalogRefresher(
                () -> jdbi.withExtension(CatalogDao.class, dao -> new ProviderCatalog(dao.providers(), dao.overrides())),
                timer, Duration.ofMillis(config.getCatalogRefresh().toMilliseconds()));
        env.lifecycle().manage(managed(catalog::start, catalog::stop));

        KafkaFactory kafka = config.getKafka();
        var replyTopic = Topics.replies(config.getInstanceId());
        Admin admin = kafka.buildAdmin("gateway-api-" + config.getInstanceId());
        env.lifecycle().manage(new AutoCloseableManager(admin));
        TopicInitializer topics = new TopicInitializer(admin, kafka);
        topics.createSharedTopics();
        topics.createReplyTopic(replyTopic.name(), 1);
        var producer = kafka.buildProducer("gateway-api-" + config.getInstanceId());
        env.lifecycle().manage(new AutoCloseableManager(producer));
        JobSettings jobSettings = config.getJobs();
        JobStore jobStore = new JobStore(jdbi);
        LateAnswers lateAnswers = new LateAnswers(jobStore, env.lifecycle().executorService("late-answers")
                .minThreads(1).maxThreads(1).workQueue(new ArrayBlockingQueue<>(10_000)).build());
        int dispatchThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService replyDispatch = env.lifecycle().executorService("reply-dispatch-%d")
                .minThreads(dispatchThreads).maxThreads(dispatchThreads).build();
        BrokerWatch broker = new BrokerWatch(admin, env.lifecycle().scheduledExecutorService("kafka-watch").threads(1)
                .build(), BROKER_PROBE_INTERVAL, BROKER_PROBE_TIMEOUT);
        // Jobs have a producer of their own: dropping unacknowledged jobs must not drop usage events.
        JobProducer jobProducer = new JobProducer(() -> kafka.buildProducer("gateway-api-jobs-" + config.getInstanceId()));
        env.lifecycle().manage(new AutoCloseableManager(jobProducer));
        RequestReplyClient requestReply = new RequestReplyClient(jobProducer,
                kafka.buildConsumer("gateway-api-replies-" + config.getInstanceId(), null), replyTopic, timer,
                lateAnswers::record, replyDispatch, broker::isReachable);
        broker.onUnreachable(requestReply::failUnqueued);
        env.lifecycle().manage(requestReply);
        env.lifecycle().manage(broker);
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                try {
                    requestReply.drain(SHUTDOWN_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        RedisConnection redis = RedisConnection.connect(config.getRedis(), timer);
        env.lifecycle().manage(new AutoCloseableManager(redis));
        ResponseCache cache = new ResponseCache(config.getCache(), redis, Ticker.systemTicker());
        RateLimits limits = new RateLimits(new RedisRateLimiter(redis, Clock.systemUTC()),
                new LocalRateLimiter(Clock.systemUTC()), config.getRateLimit().getInstances());

        ApiKeys keys = new ApiKeys(config.getAuth().getAdminKey(), config.getAuth().getServiceKeys());
        var jersey = env.jersey();
        jersey.register(new BodySizeLimitFilter(config.getGeneration().getMaxBodySize().toBytes()));
        jersey.register(new KeyFilters.ServiceKeyFilter(keys));
        jersey.register(new KeyFilters.AdminKeyFilter(keys));
        jersey.register(new ApiExceptionMapper());
        jersey.register(new JsonErrorMapper());
        jersey.register(new WebErrorMapper());
        jersey.register(new UnexpectedErrorMapper());
        jersey.register(new DatabaseErrorMapper());
        jersey.register(new ErrorBodyFilter());
        useJsonErrorPages(env);

        GenerationService generation = new GenerationService(catalog, new Router(),
                new Admission(limits, config.getRateLimit(), catalog), cache, config.getCache().isEnabled(),
                requestReply, new UsagePublisher(producer), config.getGeneration(), lateAnswers,
                jobSettings.getKeepWorkingAfterTimeout().toJavaDuration(), Clock.systemUTC(),
                new GenerationMetrics(env.metrics()));
        env.metrics().gauge("requests.pending-replies", () -> requestReply::pendingCount);
        env.admin().addServlet("prometheus", PrometheusMetrics.servlet(env.metrics())).addMapping("/metrics");
        jersey.register(new GenerateResource(generation));
        jersey.register(new UsageResource(jdbi.onDemand(UsageDao.class)));
        JobResultRecorder jobResults = new JobResultRecorder(kafka.buildConsumer(
                "gateway-api-job-results-" + config.getInstanceId(), jobSettings.getResultGroup()), jobStore, cache);
        env.lifecycle().manage(jobResults);
        JobPurger jobPurger = new JobPurger(jobStore, jobSettings.getRetention().toJavaDuration(),
                jobSettings.getPurgeInterval().toJavaDuration(), timer, Clock.systemUTC());
        env.lifecycle().manage(jobPurger);
        jersey.register(new JobResource(new JobService(generation, requestReply, jobStore,
                jobSettings.getDefaultTimeout().toJavaDuration())));
        ModelDirectory models = new ModelDirectory(catalog);
        jersey.register(new OpenAiErrorFilter());
        // Writing to a slow client blocks one of these, so there are more than there are cores.
        ExecutorService streamThreads = env.lifecycle().executorService("stream-relay-%d")
                .minThreads(4 * dispatchThreads).maxThreads(4 * dispatchThreads).build();
        jersey.register(new ChatCompletionsResource(generation,
                new ChatRequestTranslator(models, config.getGeneration().getMaxTokensLimit()), Clock.systemUTC(),
                requestReply, streamThreads));
        jersey.register(new ModelsResource(models));
        AdminApi.register(env, jdbi, secrets, catalog);
        HealthChecks.register(env, version,
                List.of(new PostgresCheck(jdbi), new KafkaCheck(broker, requestReply), new RedisCheck(redis)));
        return new ApiComponents(jdbi, catalog, requestReply, cache, jobPurger);
    }

    /** Errors Jetty answers itself (not HTTP, head too large, refused method) in the error shape too. */
    private static void useJsonErrorPages(Environment env) {
        JsonErrorHandler errors = new JsonErrorHandler();
        env.getApplicationContext().setErrorHandler(errors);
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(errors);
                }
            }
        });
    }

    private static void migrate(GatewayConfiguration config, Environment env) {
        ManagedDataSource dataSource = config.getDatabase().build(env.metrics(), "migrations");
        try {
            SchemaMigrator.migrate(dataSource, config.getSchema());
        } finally {
            try {
                dataSource.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the migration connection pool", e);
            }
        }
    }

    private static Managed managed(Runnable start, Runnable stop) {
        return new Managed() {
            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public CatalogRefresher catalog() {
        return catalog;
    }

    public RequestReplyClient requestReply() {
        return requestReply;
    }

    public JobPurger jobPurger() {
        return jobPurger;
    }
}
