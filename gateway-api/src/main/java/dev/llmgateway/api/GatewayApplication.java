package dev.llmgateway.api;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;

/** The gateway's HTTP API: {@code java -jar gateway-api.jar server config/api.yml}. */
public class GatewayApplication extends Application<GatewayConfiguration> {

    public static void main(String[] args) throws Exception {
        new GatewayApplication().run(args);
    }

    @Override
    public String getName() {
        return "llm-gateway-api";
    }

    @Override
    public void initialize(Bootstrap<GatewayConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(GatewayConfiguration configuration) {
                return configuration.getDatabase();
            }

            @Override
            public String getMigrationsFileName() {
                return "db/changelog.xml";
            }
        });
    }

    private volatile ApiComponents components;

    @Override
    public void run(GatewayConfiguration config, Environment env) {
        components = ApiComponents.install(config, env, version());
    }

    /** The wired API, once {@code run} has been called. */
    public ApiComponents components() {
        return components;
    }

    public static String version() {
        String version = GatewayApplication.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
