package dev.llmgateway.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.support.CliRun;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.GenerationResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors: exit code 2, one clear line and a hint on stderr, no stack trace, nothing sent. */
class SubmitCommandTest {
    @TempDir
    Path dir;

    private Path input;
    private Path out;

    @BeforeEach
    void files() throws IOException {
        input = Files.write(dir.resolve("prompts.jsonl"), List.of("{\"prompt\": \"hi\"}"));
        out = dir.resolve("results.jsonl");
    }

    @Test
    void aMissingInputFileIsAUsageError() {
        assertUsageError(CliRun.execute("batch", "submit", dir.resolve("nope.jsonl").toString(), "--out", out.toString()),
                "gateway: input file not found: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertUsageError(CliRun.execute("batch", "submit", input.toString()),
                "gateway: Missing required option: '--out=RESULTS.jsonl'");
        assertUsageError(CliRun.execute("batch", "submit", "--out", out.toString()),
                "gateway: Missing required parameter: 'PROMPTS.jsonl'");
        assertUsageError(CliRun.execute(), "gateway: name a command: batch");
        assertUsageError(CliRun.execute("batch"), "gateway: name a subcommand: submit");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertUsageError(submit("--max-in-flight", "0"), "gateway: --max-in-flight must be at least 1, got 0");
        assertUsageError(submit("--max-in-flight", "many"), "gateway: Invalid value for option '--max-in-flight'");
        assertUsageError(submit("--timeout", "10"), "gateway: Invalid value for option '--timeout': invalid duration '10'");
        assertUsageError(submit("--timeout", "0s"), "gateway: --timeout must be positive");
        assertUsageError(submit("--limit", "-1"), "gateway: --limit must be at least 0, got -1");
        assertUsageError(submit("--reply-topic", "no spaces"), "gateway: --reply-topic must be a Kafka topic name");
        assertUsageError(submit("--progress", "loud"), "gateway: Invalid value for option '--progress'");
        assertUsageError(submit("--user-id", " "), "gateway: --user-id and --service must not be empty");
        assertUsageError(submit("--no-such-option"), "gateway: Unknown option: '--no-such-option'");
    }

    @Test
    void anUnusableOutputIsAUsageError() throws IOException {
        assertUsageError(CliRun.execute("batch", "submit", input.toString(), "--out", input.toString()),
                "gateway: --out " + input + " is the input file; name another file");
        assertUsageError(CliRun.execute("batch", "submit", input.toString(), "--out", dir.toString()),
                "gateway: --out " + dir + " is a directory; name a file");
        Path nowhere = dir.resolve("no-such-dir").resolve("results.jsonl");
        assertUsageError(CliRun.execute("batch", "submit", input.toString(), "--out", nowhere.toString()),
                "gateway: --out " + nowhere + ": directory " + nowhere.getParent() + " does not exist");
    }

    @Test
    void anOutputFileThatHoldsSomethingElseIsAUsageErrorBeforeKafkaIsContacted() throws IOException {
        Files.write(out, List.of("{\"prompt\": \"this is an input file\"}"));

        CliRun run = submit("--bootstrap", "127.0.0.1:1");

        assertUsageError(run, "gateway: --out " + out + ": line 1 is not a result of an earlier run");
    }

    @Test
    void aMistypedCommandLineGetsAHintWhereHelpIs() {
        assertThat(submit("--max-in-flight", "0").err()).endsWith("Try 'gateway batch submit --help'.\n");
        assertThat(CliRun.execute("batch").err()).endsWith("Try 'gateway batch --help'.\n");
    }

    @Test
    void aRerunWithNothingLeftToSendNeedsNoKafka() throws IOException {
        Files.write(input, List.of("{\"id\": \"a\", \"prompt\": \"hi\"}", "{\"id\": \"b\", \"prompt\": \"ho\"}"));
        Files.write(out, List.of(
                Json.write(GenerationResult.succeeded("b", "ho!", "mock", "mock-1", "stop", null, BigDecimal.ZERO, 1)),
                Json.write(GenerationResult.succeeded("a", "hi!", "mock", "mock-1", "stop", null, BigDecimal.ZERO, 1))));

        CliRun run = submit("--bootstrap", "127.0.0.1:1", "--progress", "none");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("2 lines, 2 succeeded, 0 failed").contains("0 sent, 0 answered");
    }

    @Test
    void helpIsNotAnError() {
        CliRun run = CliRun.execute("batch", "submit", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: gateway batch submit").contains("--max-in-flight").contains("Exit code: 0");
    }

    private CliRun submit(String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "batch";
        args[1] = "submit";
        args[2] = input.toString();
        args[3] = "--out=" + out;
        System.arraycopy(options, 0, args, 4, options.length);
        return CliRun.execute(args);
    }

    private static void assertUsageError(CliRun run, String firstLine) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith(firstLine).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
