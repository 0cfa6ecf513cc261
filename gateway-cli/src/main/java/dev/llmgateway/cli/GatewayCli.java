package dev.llmgateway.cli;

import dev.llmgateway.cli.batch.BatchCommand;
import dev.llmgateway.cli.errors.GatewayUnavailableException;
import dev.llmgateway.cli.errors.InvalidUsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gateway}: the command line of the LLM gateway. Exit codes: 0 success, 1 some job failed,
 * 2 usage error, 3 Kafka or the gateway unreachable, or an I/O error. Errors are one line on
 * stderr, never a stack trace.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = GatewayCli.Version.class,
        description = "Command line of the LLM gateway.", subcommands = BatchCommand.class)
public final class GatewayCli implements Runnable {
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the gateway's error handling, for {@code main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GatewayCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(GatewayCli::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> executionError(e, command));
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: batch");
    }

    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("gateway: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return USAGE;
    }

    private static int executionError(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        int code;
        if (e instanceof InvalidUsageException) {
            err.println("gateway: " + e.getMessage());
            code = USAGE;
        } else if (e instanceof GatewayUnavailableException) {
            err.println("gateway: " + e.getMessage());
            code = UNAVAILABLE;
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("gateway: I/O error: " + e.getMessage());
            code = UNAVAILABLE;
        } else {
            err.println("gateway: unexpected error: " + describe(e));
            code = UNAVAILABLE;
        }
        err.flush();
        return code;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GatewayCli.class.getPackage().getImplementationVersion();
            return new String[] {"gateway " + (version == null ? "(development build)" : version)};
        }
    }
}
