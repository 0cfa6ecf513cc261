package dev.llmgateway.api;

import dev.llmgateway.api.cli.GatewayDbCommand;
import dev.llmgateway.api.cli.RotateMasterKeyCommand;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

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
        // Dropwizard's db commands (migrate creates the schema first) and master key rotation.
        bootstrap.addCommand(new GatewayDbCommand());
        bootstrap.addCommand(new RotateMasterKeyCommand());
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
