package dev.llmgateway.worker;

import dev.llmgateway.core.cost.PriceTable;
import dev.llmgateway.core.crypto.SecretBox;
import dev.llmgateway.core.metrics.PrometheusMetrics;
import dev.llmgateway.worker.execution.RetryPolicy;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import com.codahale.metrics.health.HealthCheck;

/** The worker process: {@code java -jar gateway-worker.jar server config/worker.yml}. */
public class WorkerApplication extends Application<WorkerConfiguration> {

    public static void main(String[] args) throws Exception {
        new WorkerApplication().run(args);
    }

    @Override
    public String getName() {
        return "llm-gateway-worker";
    }

    @Override
    public void initialize(Bootstrap<WorkerConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(WorkerConfiguration config, Environment env) {
        // Refuses to start without it: calls would otherwise go out without their API keys.
        SecretBox secrets = SecretBox.fromBase64(config.getMasterKey());
        Worker worker = new Worker(config.getKafka(), new JdbiFactory().build(env, config.getDatabase(), "postgres"),
                secrets, PriceTable.defaults().with(config.getPrices()), config.getWorker(), RetryPolicy.DEFAULT, config.getRedis(), env.metrics());
        env.admin().addServlet("prometheus", PrometheusMetrics.servlet(env.metrics())).addMapping("/metrics");
        env.lifecycle().manage(worker);
        env.healthChecks().register("worker", new HealthCheck() {
            @Override
            protected Result check() {
                return worker.isReady() ? Result.healthy("%d jobs in flight", worker.inFlight())
                        : Result.unhealthy("consumers not assigned yet");
            }
        });
    }
}
