package dev.llmgateway.api.faults;

import dev.llmgateway.api.support.GatewayHarness;
import dev.llmgateway.testkit.KafkaBroker;
import dev.llmgateway.testkit.PostgresFixture;
import dev.llmgateway.worker.WorkerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The worker process ({@link WorkerApplication} with a config file of its own) in a child JVM, so a
 * test can kill it with SIGKILL. Its consumers have a 10 s session timeout, so the partitions of a
 * killed one move on sooner than Kafka's default 45 s.
 */
final class WorkerProcess {
    private final Path config;

    private WorkerProcess(Path config) {
        this.config = config;
    }

    /** Writes the config file into {@code dir}: the test's Postgres schema, Redis and broker. */
    static WorkerProcess configure(Path dir, PostgresFixture postgres, String redisUri, KafkaBroker broker,
            String groupId, int consumers, int maxInFlightPerConsumer) throws IOException {
        Path config = dir.resolve("worker.yml");
        Files.writeString(config, String.join("\n",
                "server:",
                "  applicationConnectors: []",
                "  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]",
                "  requestLog: {appenders: []}",
                "database:",
                "  driverClass: org.postgresql.Driver",
                "  url: '" + postgres.jdbcUrl() + "'",
                "  user: '" + postgres.user() + "'",
                "  password: '" + postgres.password() + "'",
                "  initialSize: 1",
                "  minSize: 1",
                "  maxSize: 2",
                "kafka:",
                "  bootstrapServers: '" + broker.bootstrapServers() + "'",
                "  requestPartitions: 4",
                "  consumer: {session.timeout.ms: '10000'}",
                "masterKey: '" + GatewayHarness.MASTER_KEY + "'",
                "redis:",
                "  uri: '" + redisUri + "'",
                "  timeoutMs: 2000",
                "worker:",
                "  consumers: " + consumers,
                "  maxInFlightPerConsumer: " + maxInFlightPerConsumer,
                "  groupId: " + groupId,
                "logging:",
                "  level: WARN",
                ""));
        return new WorkerProcess(config);
    }

    /** Starts one more worker JVM on this config, its output in {@code log}. */
    Process start(Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, WorkerApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // a test JVM ended abruptly must not leave a worker consuming the next run's jobs
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "worker-process-reaper"));
        return process;
    }
}
