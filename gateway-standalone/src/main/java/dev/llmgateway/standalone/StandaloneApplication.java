package dev.llmgateway.standalone;

import dev.llmgateway.api.ApiComponents;
import dev.llmgateway.api.GatewayApplication;
import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.stream.UsageStream;
import dev.llmgateway.stream.UsageStreamMetrics;
import dev.llmgateway.worker.Worker;
import dev.llmgateway.worker.execution.RetryPolicy;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/** API, worker and (later) usage stream in one process, on servers it runs itself. */
public final class StandaloneApplication extends Application<StandaloneConfiguration> {
    private final StandaloneSettings settings;
    private final EmbeddedInfrastructure infrastructure;
    private final StandaloneKeys keys;

    public StandaloneApplication(StandaloneSettings settings, EmbeddedInfrastructure infrastructure, StandaloneKeys keys) {
        this.settings = settings;
        this.infrastructure = infrastructure;
        this.keys = keys;
    }

    @Override
    public String getName() {
        return "llm-gateway-standalone";
    }

    @Override
    public void initialize(Bootstrap<StandaloneConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new ResourceConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(StandaloneConfiguration config, Environment env) {
        env.lifecycle().manage(infrastructure);
        config.getDatabase().setUrl(infrastructure.jdbcUrl());
        config.getDatabase().setUser(infrastructure.databaseUser());
        config.getKafka().setBootstrapServers(infrastructure.kafkaBootstrap());
        config.getRedis().setUri(infrastructure.redisUri());
        config.getAuth().setAdminKey(keys.adminKey());
        config.getAuth().setServiceKeys(keys.serviceKeys());
        config.setMasterKey(keys.masterKey());
        config.setMigrateOnStart(true);

        SecretBox secrets = SecretBox.fromBase64(keys.masterKey());
        ApiComponents api = ApiComponents.install(config, env, GatewayApplication.version());
        new ProviderSeeder(api.jdbi(), secrets).seed(settings);
        env.lifecycle().manage(new Worker(config.getKafka(), api.jdbi(), secrets,
                PriceTable.defaults().with(config.getPrices()), config.getWorker(), RetryPolicy.DEFAULT,
                config.getRedis(), env.metrics()));
        config.getUsageStream().setStateDir(settings.dataDir().resolve("usage-stream").toString());
        UsageStream usageStream = new UsageStream(config.getKafka(), api.jdbi(), config.getUsageStream());
        env.lifecycle().manage(usageStream);
        UsageStreamMetrics.register(env.metrics(), usageStream);
        env.lifecycle().addServerLifecycleListener(server -> new StartupBanner(settings, infrastructure, keys).print());
    }
}
