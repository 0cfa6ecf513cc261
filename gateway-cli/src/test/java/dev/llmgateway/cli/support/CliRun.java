package dev.llmgateway.cli.support;

import dev.llmgateway.cli.GatewayCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** One in-process execution of the {@code gateway} command: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {
    private static final Pattern RUN_ID = Pattern.compile("as run (\\S+),");

    public static CliRun execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GatewayCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The run id the command announced. */
    public String runId() {
        Matcher matcher = RUN_ID.matcher(err);
        if (!matcher.find()) {
            throw new AssertionError("no run id in: " + err);
        }
        return matcher.group(1);
    }
}
