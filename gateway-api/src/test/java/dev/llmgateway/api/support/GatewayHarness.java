package dev.llmgateway.api.support;

import static org.awaitility.Awaitility.await;

import dev.llmgateway.api.GatewayApplication;
import dev.llmgateway.api.GatewayConfiguration;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.KeyHint;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.redis.RedisSettings;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.testkit.RedisFixture;
import dev.llmgateway.testkit.fakeprovider.FakeProvider;
import dev.llmgateway.stream.UsageStream;
import dev.llmgateway.stream.UsageStreamSettings;
import dev.llmgateway.stream.health.ConsumerLag;
import dev.llmgateway.worker.Worker;
import dev.llmgateway.worker.WorkerSettings;
import dev.llmgateway.worker.execution.RetryPolicy;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * A running gateway for end-to-end tests: API instances (Dropwizard, port 0) and a worker on the
 * shared in-JVM broker and the test schema, with a {@link FakeProvider} to stand in for vendors.
 */
public final class GatewayHarness implements AutoCloseable {
    public static final String SERVICE_KEY = "test-service-key";
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String PROVIDER_KEY = "sk-test-provider-key-1234";
    public static final String MASTER_KEY = SecretBox.generateMasterKey();
    public static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30));

    private final Infrastructure infrastructure;
    private final PostgresFixture postgres;
    private final SecretBox secrets = SecretBox.fromBase64(MASTER_KEY);
    private final List<DropwizardTestSupport<GatewayConfiguration>> apis = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<UsageStream> streams = new ArrayList<>();
    private final List<UsageStreamSettings> streamSettings = new ArrayList<>();
    private final java.util.Set<Integer> stopped = new java.util.HashSet<>();
    private final String workerGroup = "test-worker-" + UUID.randomUUID();
    private final FakeProvider fake;

    private GatewayHarness(Infrastructure infrastructure, PostgresFixture postgres) {
        this.infrastructure = infrastructure;
        this.postgres = postgres;
        this.fake = FakeProvider.start(PROVIDER_KEY);
    }

    /** One API instance and one worker on the shared broker, the test schema and the test Redis. */
    public static GatewayHarness start(PostgresFixture postgres, RedisFixture redis) {
        return start(shared(postgres, redis), postgres);
    }

    /** The shared broker, the test schema and the test Redis, to change one of them. */
    public static Infrastructure shared(PostgresFixture postgres, RedisFixture redis) {
        return new Infrastructure(KafkaBroker.shared().bootstrapServers(), postgres.jdbcUrl(), postgres.dataSource(),
                redis.uri());
    }

    /**
     * One API instance and one worker on infrastructure of the test's own, e.g. a broker, a
     * Postgres or a Redis it stops; the schema behind {@code jdbcUrl} must be migrated already.
     */
    public static GatewayHarness start(Infrastructure infrastructure) {
        return start(infrastructure, null);
    }

    private static GatewayHarness start(Infrastructure infrastructure, PostgresFixture postgres) {
        GatewayHarness harness = new GatewayHarness(infrastructure, postgres);
        try {
            harness.startApi("api-" + UUID.randomUUID().toString().substring(0, 8));
            harness.startWorker();
            return harness;
        } catch (RuntimeException e) {
            harness.close();
            throw e;
        }
    }

    public DropwizardTestSupport<GatewayConfiguration> startApi(String instanceId) {
        return startApi(instanceId, MASTER_KEY, infrastructure.redisUri());
    }

    /** An API instance sealing provider keys with {@code masterKey}. */
    public DropwizardTestSupport<GatewayConfiguration> startApi(String instanceId, String masterKey) {
        return startApi(instanceId, masterKey, infrastructure.redisUri());
    }

    /** An instance with its own Redis, e.g. one the test stops. */
    public DropwizardTestSupport<GatewayConfiguration> startApiWithRedis(String instanceId, String redisUri) {
        return startApi(instanceId, MASTER_KEY, redisUri);
    }

    private DropwizardTestSupport<GatewayConfiguration> startApi(String instanceId, String masterKey, String redisUri) {
        DropwizardTestSupport<GatewayConfiguration> api = new DropwizardTestSupport<>(GatewayApplication.class,
                ResourceHelpers.resourceFilePath("test-api.yml"),
                ConfigOverride.config("database.url", infrastructure.jdbcUrl()),
                ConfigOverride.config("kafka.bootstrapServers", infrastructure.kafkaBootstrapServers()),
                ConfigOverride.config("instanceId", instanceId),
                ConfigOverride.config("redis.uri", redisUri),
                ConfigOverride.config("masterKey", masterKey));
        try {
            api.before();
        } catch (Exception e) {
            api.after(); // resets the config overrides it set as system properties
            throw new IllegalStateException("API instance " + instanceId + " did not start", e);
        }
        apis.add(api);
        return api;
    }

    /** Stops instance {@code index} the way a deployment does (graceful server stop). */
    public void stopApi(int index) {
        apis.get(index).after();
        stopped.add(index);
    }

    public int apiCount() {
        return apis.size();
    }

    public Worker startWorker() {
        return startWorker(secrets);
    }

    /** A worker opening provider keys with {@code masterKey}. */
    public Worker startWorker(String masterKey) {
        return startWorker(SecretBox.fromBase64(masterKey));
    }

    private Worker startWorker(SecretBox workerSecrets) {
        KafkaFactory kafkaFactory = new KafkaFactory();
        kafkaFactory.setBootstrapServers(infrastructure.kafkaBootstrapServers());
        kafkaFactory.setRequestPartitions(4);
        // A fresh group starts at the end, so jobs of earlier test classes are not replayed here.
        kafkaFactory.getConsumer().put("auto.offset.reset", "latest");
        WorkerSettings settings = new WorkerSettings();
        settings.setGroupId(workerGroup);
        settings.setConsumers(1);
        Worker worker = new Worker(kafkaFactory, Jdbi.create(infrastructure.dataSource()).installPlugin(new SqlObjectPlugin()),
                workerSecrets, PriceTable.defaults(), settings, FAST_RETRIES, redisSettings());
        worker.start();
        workers.add(worker);
        await().atMost(Duration.ofSeconds(30)).until(worker::isReady);
        return worker;
    }

    private RedisSettings redisSettings() {
        RedisSettings settings = new RedisSettings();
        settings.setUri(infrastructure.redisUri());
        settings.setTimeoutMs(2000);
        return settings;
    }

    /** A usage stream of this harness's own (fresh application id and state), feeding the test schema. */
    public UsageStream startUsageStream() throws java.io.IOException {
        UsageStreamSettings settings = new UsageStreamSettings();
        String run = "usage-" + UUID.randomUUID();
        settings.setApplicationId(run + "-stream");
        settings.setSinkGroupId(run + "-sink");
        settings.setStateDir(java.nio.file.Files.createTempDirectory("usage-stream-").toString());
        KafkaFactory kafkaFactory = new KafkaFactory();
        kafkaFactory.setBootstrapServers(infrastructure.kafkaBootstrapServers());
        kafkaFactory.setRequestPartitions(4);
        UsageStream stream = new UsageStream(kafkaFactory,
                Jdbi.create(infrastructure.dataSource()).installPlugin(new SqlObjectPlugin()), settings);
        stream.start();
        streams.add(stream);
        streamSettings.add(settings);
        return stream;
    }

    /** True when every usage stream of this harness, and its Postgres sink, has committed all it read. */
    public boolean usageCaughtUp() {
        KafkaFactory kafkaFactory = new KafkaFactory();
        kafkaFactory.setBootstrapServers(infrastructure.kafkaBootstrapServers());
        try (Admin admin = kafkaFactory.buildAdmin("harness-usage-lag")) {
            ConsumerLag lag = new ConsumerLag(admin);
            return streamSettings.stream()
                    .allMatch(s -> lag.of(s.getApplicationId()) == 0 && lag.of(s.getSinkGroupId()) == 0);
        }
    }

    public void stopWorker(Worker worker) throws Exception {
        worker.stop();
        workers.remove(worker);
    }

    public ApiClient api() {
        return api(0);
    }

    public ApiClient api(int index) {
        return new ApiClient("http://127.0.0.1:" + apis.get(index).getLocalPort(), SERVICE_KEY);
    }

    /** A client of API instance {@code index} that sends the admin key. */
    public ApiClient admin(int index) {
        return new ApiClient("http://127.0.0.1:" + apis.get(index).getLocalPort(), ADMIN_KEY);
    }

    public ApiClient admin() {
        return admin(0);
    }

    /** Dropwizard's admin port (health checks, metrics) of API instance {@code index}. */
    public int adminPort(int index) {
        return apis.get(index).getAdminPort();
    }

    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** A client for instance {@code index}'s admin port (health checks, metrics). */
    public ApiClient adminPortClient(int index) {
        return new ApiClient("http://127.0.0.1:" + apis.get(index).getAdminPort(), SERVICE_KEY);
    }

    public GatewayApplication application(int index) {
        return (GatewayApplication) apis.get(index).getApplication();
    }

    public FakeProvider fake() {
        return fake;
    }

    /** The shared test schema; a harness on a Postgres of the test's own has none. */
    public PostgresFixture postgres() {
        if (postgres == null) {
            throw new IllegalStateException("this harness runs on its own Postgres: " + infrastructure.jdbcUrl());
        }
        return postgres;
    }

    /** The shared broker; a harness on a broker of the test's own has none. */
    public KafkaBroker kafka() {
        KafkaBroker shared = KafkaBroker.shared();
        if (!shared.bootstrapServers().equals(infrastructure.kafkaBootstrapServers())) {
            throw new IllegalStateException("this harness runs on its own broker: " + infrastructure.kafkaBootstrapServers());
        }
        return shared;
    }

    /** Inserts the provider and makes every API instance and worker see it at once. */
    public void addProvider(ProviderRow p) {
        infrastructure.execute("INSERT INTO provider_configs (name, type, base_url, api_key_encrypted, api_key_hint, models, "
                        + "default_model, is_enabled, priority, rate_limit_rpm, timeout_ms, max_retries) "
                        + "VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?)",
                p.name(), p.type(), p.baseUrl(), p.apiKey() == null ? null : secrets.encrypt(p.apiKey()),
                KeyHint.lastFour(p.apiKey()),
                "{" + String.join(",", p.models()) + "}", p.defaultModel(), p.enabled(), p.priority(),
                p.rateLimitRpm(), p.timeoutMs(), p.maxRetries());
        refreshCatalogs();
    }

    public void addOverride(String userId, String service, String provider, String model) {
        infrastructure.execute("INSERT INTO customer_overrides (user_id, service_name, provider_name, model_name) "
                + "VALUES (?, ?, ?, ?)", userId, service, provider, model);
        refreshCatalogs();
    }

    /** Empties every instance's L1 cache; the RedisFixture empties L2 and the shared rate limits. */
    public void clearLocalCaches() {
        for (int i = 0; i < apis.size(); i++) {
            if (!stopped.contains(i)) {
                application(i).components().cache().clearLocal();
            }
        }
    }

    public void refreshCatalogs() {
        for (int i = 0; i < apis.size(); i++) {
            if (!stopped.contains(i)) {
                application(i).components().catalog().refresh();
            }
        }
        workers.forEach(Worker::refreshCatalog);
    }

    /** Anthropic pointing at the fake, Anthropic-style base URL. */
    public ProviderRow fakeAnthropic(String name) {
        return ProviderRow.anthropic(name, fake.baseUrl(), PROVIDER_KEY);
    }

    /** OpenAI pointing at the fake, with the version path in the base URL as OpenAI's SDKs do. */
    public ProviderRow fakeOpenAi(String name) {
        return ProviderRow.openAi(name, fake.openAiBaseUrl(), PROVIDER_KEY);
    }

    @Override
    public void close() {
        for (UsageStream stream : streams) {
            try {
                stream.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Worker worker : workers) {
            try {
                worker.stop();
            } catch (Exception e) {
                throw new IllegalStateException("worker did not stop", e);
            }
        }
        for (int i = 0; i < apis.size(); i++) {
            if (!stopped.contains(i)) {
                apis.get(i).after();
            }
        }
        fake.close();
    }
}
