package dev.llmgateway.cli.batch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gateway batch}: groups the batch subcommands. */
@Command(name = "batch", description = "Batches of generation jobs through Kafka.",
        mixinStandardHelpOptions = true, subcommands = SubmitCommand.class)
public final class BatchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: submit");
    }
}
