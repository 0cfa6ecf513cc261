package dev.llmgateway.api.support;

import dev.llmgateway.api.GatewayApplication;
import dev.llmgateway.api.GatewayConfiguration;
import dev.llmgateway.testkit.PostgresFixture;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Runs the API jar's commands ({@code db ...}, {@code rotate-master-key}) in this JVM, as the command line would. */
public final class GatewayCli {
    private GatewayCli() {
    }

    public record Result(Optional<Throwable> failure, String out, String err) {
        public boolean succeeded() {
            return failure.isEmpty();
        }

        @Override
        public String toString() {
            return "failure " + failure.map(Throwable::toString).orElse("none") + "\nout: " + out + "\nerr: " + err;
        }
    }

    /** Runs {@code args}; what the commands print to {@code System.out} is captured too. */
    public static synchronized Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            // Commands such as db status take System.out when they are built, so build them now.
            GatewayApplication application = new GatewayApplication();
            Bootstrap<GatewayConfiguration> bootstrap = new Bootstrap<>(application);
            application.initialize(bootstrap);
            Optional<Throwable> failure = new Cli(new JarLocation(GatewayApplication.class), bootstrap, out, err).run(args);
            return new Result(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    /** A config file for the commands: the test Postgres with {@code schema} selected, and {@code masterKey}. */
    public static Path config(Path dir, PostgresFixture postgres, String schema, String masterKey) {
        String url = postgres.jdbcUrl().replace("currentSchema=" + postgres.schema(), "currentSchema=" + schema);
        String yaml = "database:\n"
                + "  driverClass: org.postgresql.Driver\n"
                + "  url: '" + url + "'\n"
                + "  user: '" + postgres.user() + "'\n"
                + (postgres.password() == null ? "" : "  password: '" + postgres.password() + "'\n")
                + "schema: " + schema + "\n"
                + (masterKey == null ? "" : "masterKey: '" + masterKey + "'\n")
                + "logging:\n"
                + "  level: WARN\n"
                + "  appenders:\n"
                + "    - type: console\n"
                + "      target: stderr\n";
        try {
            return Files.writeString(Files.createTempFile(dir, "api-", ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
