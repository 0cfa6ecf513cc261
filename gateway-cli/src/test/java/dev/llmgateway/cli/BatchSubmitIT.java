package dev.llmgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.cli.support.CliRun;
import dev.llmgateway.cli.support.TestGateway;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.GenerationResult;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.testkit.PostgresFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway batch submit} against a real worker on the in-JVM broker, answering with the mock provider. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BatchSubmitIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();

    private static TestGateway gateway;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(POSTGRES);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void providers() {
        // the fixture empties the tables before each test
        gateway.addMockProvider("mock", 10, 0);
    }

    @Test
    void twoHundredLinesWithThreeBadOnesGive197AnswersAndThreeClearErrorsAndARerunSendsNothing() throws IOException {
        Path input = write("prompts.jsonl", twoHundredLinesWithThreeBad());
        Path out = dir.resolve("results.jsonl");
        long before = gateway.requestsProduced();

        CliRun first = submit(input, out);

        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        assertThat(gateway.requestsProduced() - before).isEqualTo(197);
        List<GenerationResult> results = read(out);
        assertThat(results).hasSize(200);
        assertThat(results).extracting(GenerationResult::id).doesNotHaveDuplicates();
        Map<String, GenerationResult> byId = results.stream().collect(Collectors.toMap(GenerationResult::id, r -> r));
        assertThat(results).filteredOn(GenerationResult::isSuccess).hasSize(197);
        assertThat(byId.get("job-1").content()).isEqualTo("Mock response to: prompt 1");
        assertThat(byId.get("job-7").content()).isEqualTo("Mock response to: the question of line 7");
        assertThat(byId.get("job-1").provider()).isEqualTo("mock");
        List<GenerationResult> failed = results.stream().filter(r -> !r.isSuccess()).toList();
        assertThat(failed).extracting(r -> r.error().type()).containsOnly("validation_error");
        assertThat(failed).extracting(r -> r.error().message()).satisfiesExactlyInAnyOrder(
                message -> assertThat(message).startsWith("line 50: malformed JSON"),
                message -> assertThat(message).startsWith("line 100: needs a non-empty \"prompt\" or \"messages\""),
                message -> assertThat(message).isEqualTo(
                        "line 150: has both \"prompt\" and \"messages\"; give one of them"));
        assertThat(first.err()).contains("200 lines, 197 succeeded, 3 failed (validation_error: 3)")
                .doesNotContain("Exception");
        String written = Files.readString(out);

        CliRun rerun = submit(input, out);

        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(1);
        assertThat(gateway.requestsProduced() - before).as("nothing new sent").isEqualTo(197);
        assertThat(Files.readString(out)).as("output unchanged").isEqualTo(written);
        assertThat(rerun.err()).contains("200 lines, 197 succeeded, 3 failed (validation_error: 3)")
                .contains("0 sent, 0 answered").contains("200 skipped as done by an earlier run");
    }

    @Test
    void aRunCutShortByLimitIsCompletedByARerun() throws IOException {
        Path input = write("prompts.jsonl", goodLines(200));
        Path out = dir.resolve("results.jsonl");
        long before = gateway.requestsProduced();

        CliRun first = submit(input, out, "--limit", "50");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        assertThat(read(out)).hasSize(50).allMatch(GenerationResult::isSuccess);
        assertThat(first.err()).contains("150 without a result").contains("150 lines not sent because of --limit");

        CliRun rerun = submit(input, out);

        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(0);
        assertThat(gateway.requestsProduced() - before).isEqualTo(200);
        assertThat(read(out)).hasSize(200).allMatch(GenerationResult::isSuccess)
                .extracting(GenerationResult::id).doesNotHaveDuplicates();
    }

    @Test
    void anInterruptedRunIsResumedByARerunWithoutDuplicates() throws Exception {
        gateway.addMockProvider("slow", 20, 50);
        Path input = write("prompts.jsonl", goodLines(200));
        Path out = dir.resolve("results.jsonl");
        long before = gateway.requestsProduced();
        CompletableFuture<CliRun> first = new CompletableFuture<>();
        Thread thread = new Thread(() -> first.complete(submit(input, out, "--provider", "slow", "--max-in-flight", "5")));
        thread.start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> lineCount(out) >= 20);
        thread.interrupt();
        CliRun interrupted = first.get(60, TimeUnit.SECONDS);

        assertThat(interrupted.exitCode()).as(interrupted.err()).isEqualTo(1);
        assertThat(interrupted.err()).contains("Batch interrupted").contains("without a result");
        int answeredBefore = read(out).size();
        assertThat(answeredBefore).isBetween(20, 199);
        long sentByFirst = gateway.requestsProduced() - before;

        CliRun rerun = submit(input, out, "--provider", "slow", "--max-in-flight", "50");

        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(0);
        assertThat(gateway.requestsProduced() - before - sentByFirst).isEqualTo(200 - answeredBefore);
        assertThat(read(out)).hasSize(200).allMatch(GenerationResult::isSuccess)
                .extracting(GenerationResult::id).doesNotHaveDuplicates();
    }

    @Test
    void providerFailuresAreRetriedByARerunAndReplacedInTheOutput() throws IOException {
        gateway.addBrokenProvider("flaky", 20);
        List<String> lines = new ArrayList<>(goodLines(20));
        for (int i = 21; i <= 30; i++) {
            lines.add("{\"id\": \"job-" + i + "\", \"prompt\": \"prompt " + i + "\", \"provider\": \"flaky\"}");
        }
        Path input = write("prompts.jsonl", lines);
        Path out = dir.resolve("results.jsonl");
        assertThat(submit(input, out, "--limit", "20").exitCode()).isEqualTo(1);
        gateway.setEnabled("mock", false); // no fallback: the flaky provider's failures reach the batch

        CliRun failing = submit(input, out);

        assertThat(failing.exitCode()).as(failing.err()).isEqualTo(1);
        assertThat(read(out)).hasSize(30).filteredOn(r -> !r.isSuccess())
                .hasSize(10).allSatisfy(r -> assertThat(r.error().type()).isEqualTo("provider_error"));
        assertThat(failing.err()).contains("20 succeeded, 10 failed (provider_error: 10)")
                .contains("10 failures other than validation_error: a rerun of the same command retries them");
        gateway.repairProvider("flaky");
        long before = gateway.requestsProduced();

        CliRun rerun = submit(input, out);

        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(0);
        assertThat(gateway.requestsProduced() - before).isEqualTo(10);
        assertThat(read(out)).as("one line per id").hasSize(30).allMatch(GenerationResult::isSuccess)
                .extracting(GenerationResult::id).doesNotHaveDuplicates();
    }

    @Test
    void theRunsOwnReplyTopicIsDeletedWhenNothingIsOutstanding() throws IOException {
        Path input = write("prompts.jsonl", goodLines(10));

        CliRun run = submit(input, dir.resolve("results.jsonl"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(gateway.topicExists("llm.results." + run.runId())).isFalse();
    }

    @Test
    void onTheSharedResultsTopicOnlyThisRunsAnswersAreTaken() throws IOException {
        Path input = write("prompts.jsonl", goodLines(20));
        Path out = dir.resolve("results.jsonl");
        Path other = dir.resolve("other.jsonl");

        CliRun first = submit(input, other, "--reply-topic", "llm.results");
        CliRun second = submit(input, out, "--reply-topic", "llm.results");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
        assertThat(second.exitCode()).as(second.err()).isEqualTo(0);
        assertThat(read(out)).hasSize(20).extracting(GenerationResult::id).doesNotHaveDuplicates();
        assertThat(gateway.topicExists("llm.results")).isTrue();
    }

    @Test
    void anUnreachableKafkaIsExitCode3WithAMessage() throws IOException {
        Path input = write("prompts.jsonl", goodLines(1));

        CliRun run = CliRun.execute("batch", "submit", input.toString(), "--out", dir.resolve("r.jsonl").toString(),
                "--bootstrap", "127.0.0.1:1", "--progress", "none");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:1").doesNotContain("\tat ");
    }

    private CliRun submit(Path input, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("batch", "submit", input.toString(), "--out", out.toString(),
                "--bootstrap", gateway.bootstrapServers(), "--timeout", "60s", "--progress", "none"));
        args.addAll(List.of(more));
        return CliRun.execute(args.toArray(String[]::new));
    }

    /** Lines 1..200: ids on odd lines, derived ids on even ones, messages every seventh; 50, 100, 150 bad. */
    private static List<String> twoHundredLinesWithThreeBad() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            String id = i % 2 == 1 ? "\"id\": \"job-" + i + "\", " : "";
            if (i == 50) {
                lines.add("{\"prompt\": \"unterminated");
            } else if (i == 100) {
                lines.add("{" + id + "\"promt\": \"typo\"}");
            } else if (i == 150) {
                lines.add("{" + id + "\"prompt\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"b\"}]}");
            } else if (i % 7 == 0) {
                lines.add("{" + id + "\"messages\": [{\"role\": \"user\", \"content\": \"the question of line " + i
                        + "\"}], \"max_tokens\": 64, \"metadata\": {\"row\": \"" + i + "\"}}");
            } else {
                lines.add("{" + id + "\"prompt\": \"prompt " + i + "\"}");
            }
        }
        return lines;
    }

    private static List<String> goodLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add("{\"id\": \"job-" + i + "\", \"prompt\": \"prompt " + i + "\"}");
        }
        return lines;
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    private static List<GenerationResult> read(Path out) throws IOException {
        return Files.readAllLines(out).stream().filter(line -> !line.isBlank())
                .map(parse()).toList();
    }

    private static Function<String, GenerationResult> parse() {
        return line -> {
            try {
                return Json.mapper().readValue(line, GenerationResult.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static long lineCount(Path out) throws IOException {
        return Files.exists(out) ? Files.readAllLines(out).size() : 0;
    }
}
