package dev.llmgateway.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.batch.BatchSubmission.Ending;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void aBatchWhereEveryLineSucceededExitsWithZero() {
        Snapshot snapshot = new Snapshot(200, 150, 150, 150, Map.of(), 50, Map.of(), 0, 0);

        assertThat(Summary.exitCode(snapshot)).isZero();
        assertThat(Summary.format(snapshot, Ending.COMPLETED, Duration.ofMillis(2500), "out.jsonl", TEN_MINUTES))
                .isEqualTo("Batch finished in 2.5s: 200 lines, 200 succeeded, 0 failed\n"
                        + "This run: 150 sent, 150 answered (60 jobs/s), 50 skipped as done by an earlier run; "
                        + "results in out.jsonl\n");
    }

    @Test
    void failuresGiveExitCodeOneAndAreCountedByType() {
        Snapshot snapshot = new Snapshot(200, 197, 197, 195, Map.of("provider_error", 2L, "validation_error", 3L),
                0, Map.of(), 0, 0);

        String summary = Summary.format(snapshot, Ending.COMPLETED, Duration.ofSeconds(1), "out.jsonl", TEN_MINUTES);

        assertThat(Summary.exitCode(snapshot)).isEqualTo(1);
        assertThat(summary).startsWith("Batch finished in 1.0s: 200 lines, 195 succeeded, 5 failed "
                + "(provider_error: 2, validation_error: 3)\n");
        assertThat(summary).contains("2 failures other than validation_error: a rerun of the same command retries them.");
    }

    @Test
    void earlierFinalFailuresCountAsFailuresOfTheBatch() {
        Snapshot snapshot = new Snapshot(10, 0, 0, 0, Map.of(), 7, Map.of("validation_error", 3L), 0, 0);

        assertThat(Summary.exitCode(snapshot)).isEqualTo(1);
        assertThat(Summary.format(snapshot, Ending.COMPLETED, Duration.ofSeconds(1), "o", TEN_MINUTES))
                .contains("10 lines, 7 succeeded, 3 failed (validation_error: 3)")
                .contains("0 sent, 0 answered (0 jobs/s), 10 skipped as done by an earlier run");
    }

    @Test
    void anUnfinishedBatchSaysHowToResumeAndExitsWithOne() {
        Snapshot interrupted = new Snapshot(200, 60, 40, 40, Map.of(), 0, Map.of(), 0, 20);
        Snapshot limited = new Snapshot(200, 50, 50, 50, Map.of(), 0, Map.of(), 150, 0);

        assertThat(Summary.exitCode(interrupted)).isEqualTo(1);
        assertThat(Summary.format(interrupted, Ending.INTERRUPTED, Duration.ofSeconds(2), "o", TEN_MINUTES))
                .startsWith("Batch interrupted in 2.0s: 200 lines, 40 succeeded, 0 failed, 160 without a result\n")
                .endsWith("Run the same command again to resume: lines with a result are not sent again.\n");
        assertThat(Summary.format(limited, Ending.LIMITED, Duration.ofSeconds(2), "o", TEN_MINUTES))
                .contains("150 lines not sent because of --limit: run the same command again to continue.");
    }

    @Test
    void aTimedOutBatchSaysTheJobsStillOutWereWrittenAsTimedOut() {
        Snapshot snapshot = new Snapshot(10, 10, 8, 8, Map.of("timeout", 2L), 0, Map.of(), 0, 0);

        assertThat(Summary.format(snapshot, Ending.TIMED_OUT, Duration.ofMinutes(11), "o", TEN_MINUTES))
                .contains("No answer came for 10m00s: the jobs still out were written as timed out; "
                        + "a rerun sends them again.")
                .doesNotContain("failures other than");
    }
}
