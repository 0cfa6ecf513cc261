package dev.llmgateway.stream;

import dev.llmgateway.stream.health.UsageStreamHealthCheck;
import dev.llmgateway.core.metrics.PrometheusMetrics;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;

/** The usage-stream process: {@code java -jar gateway-usage-stream.jar server config/usage-stream.yml}. */
public class UsageStreamApplication extends Application<UsageStreamConfiguration> {

    public static void main(String[] args) throws Exception {
        new UsageStreamApplication().run(args);
    }

    @Override
    public String getName() {
        return "llm-gateway-usage-stream";
    }

    @Override
    public void initialize(Bootstrap<UsageStreamConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(UsageStreamConfiguration config, Environment env) {
        UsageStream usageStream = new UsageStream(config.getKafka(),
                new JdbiFactory().build(env, config.getDatabase(), "postgres"), config.getUsageStream());
        env.lifecycle().manage(usageStream);
        env.healthChecks().register("usage-stream", new UsageStreamHealthCheck(usageStream));
        UsageStreamMetrics.register(env.metrics(), usageStream);
        env.admin().addServlet("prometheus", PrometheusMetrics.servlet(env.metrics())).addMapping("/metrics");
    }
}
