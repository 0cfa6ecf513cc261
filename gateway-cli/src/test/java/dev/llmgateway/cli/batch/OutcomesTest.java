package dev.llmgateway.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.batch.InFlight.Pending;
import dev.llmgateway.cli.input.LineParser;
import dev.llmgateway.cli.input.ParsedLine.Rejected;
import dev.llmgateway.cli.results.ResultsFile;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.GenerationResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomesTest {
    @TempDir
    Path dir;

    private Path path;
    private ResultsFile results;
    private final Tally tally = new Tally(10);
    private final InFlight inFlight = new InFlight(10);
    private Outcomes outcomes;

    @BeforeEach
    void open() throws IOException {
        path = dir.resolve("results.jsonl");
        results = ResultsFile.open(path);
        outcomes = new Outcomes(results, tally, inFlight);
    }

    @AfterEach
    void close() throws IOException {
        results.close();
    }

    @Test
    void anAnswerIsWrittenUnderTheLinesIdAndFreesItsPermit() throws Exception {
        send("run:q-1", "q-1");

        outcomes.answered(answer("run:q-1"));

        assertThat(lines()).singleElement().satisfies(line -> assertThat(line.id()).isEqualTo("q-1"));
        assertThat(inFlight.awaitEmpty(0)).isTrue();
        assertThat(tally.snapshot(0).answered()).isEqualTo(1);
    }

    @Test
    void aSecondAnswerForTheSameJobAndAnswersOfOtherRunsAreIgnored() throws Exception {
        send("run:q-1", "q-1");

        outcomes.answered(answer("run:q-1"));
        outcomes.answered(answer("run:q-1"));
        outcomes.answered(answer("other-run:q-1"));
        outcomes.notDelivered("run:q-1", new IllegalStateException("late"));

        assertThat(lines()).hasSize(1);
        assertThat(tally.snapshot(0).succeeded()).isEqualTo(1);
    }

    @Test
    void aJobKafkaDidNotTakeIsAnUnavailableFailureARerunRetries() throws Exception {
        send("run:q-1", "q-1");

        outcomes.notDelivered("run:q-1", new IllegalStateException("broker down"));

        GenerationResult written = lines().get(0);
        assertThat(written.error().type()).isEqualTo("unavailable");
        assertThat(written.error().message()).isEqualTo("not delivered to Kafka: broker down");
        assertThat(results.prior("q-1").isFinal()).isFalse();
    }

    @Test
    void anUnchangedRejectedLineIsNotWrittenTwice() throws Exception {
        Rejected line = LineParser.reject(3, "line-3-abc", "has both \"prompt\" and \"messages\"; give one of them");

        outcomes.rejected(line);
        outcomes.rejected(line);

        assertThat(lines()).hasSize(1);
        assertThat(tally.snapshot(0).failedByType()).containsEntry("validation_error", 2L);
        assertThat(tally.snapshot(0).skipped()).isEqualTo(1);
    }

    @Test
    void givingUpWritesATimeoutForEachJobStillOut() throws Exception {
        send("run:q-1", "q-1");
        send("run:q-2", "q-2");
        outcomes.answered(answer("run:q-2"));

        outcomes.giveUpOnOutstanding(Duration.ofMinutes(10));

        assertThat(lines()).extracting(r -> r.id() + "=" + (r.isSuccess() ? "ok" : r.error().type()))
                .containsExactlyInAnyOrder("q-2=ok", "q-1=timeout");
        assertThat(inFlight.awaitEmpty(0)).isTrue();
    }

    @Test
    void theIdleClockRunsOnlyWhileJobsAreOut() throws Exception {
        assertThat(outcomes.idleLongerThan(Duration.ZERO)).as("nothing out").isFalse();
        send("run:q-1", "q-1");
        outcomes.jobsWentOut();

        assertThat(outcomes.idleLongerThan(Duration.ofHours(1))).isFalse();
        assertThat(outcomes.idleLongerThan(Duration.ofNanos(-1))).isTrue();
    }

    private void send(String requestId, String lineId) throws InterruptedException {
        assertThat(inFlight.tryAcquire(0)).isTrue();
        inFlight.register(requestId, new Pending(lineId, 1));
    }

    private static GenerationResult answer(String requestId) {
        return GenerationResult.succeeded(requestId, "ok", "mock", "mock-1", "stop", null, BigDecimal.ZERO, 1);
    }

    private List<GenerationResult> lines() throws IOException {
        return Files.readAllLines(path).stream().map(line -> {
            try {
                return Json.mapper().readValue(line, GenerationResult.class);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
