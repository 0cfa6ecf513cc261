package dev.llmgateway.cli.batch;

import dev.llmgateway.cli.batch.BatchSubmission.Ending;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report at the end of a run, and its exit code. */
public final class Summary {
    public static final int ALL_SUCCEEDED = 0;
    public static final int SOME_FAILED = 1;

    private Summary() {
    }

    /** 0 when every line of the input has a successful result in the output, else 1. */
    public static int exitCode(Snapshot snapshot) {
        return snapshot.allSucceeded() ? ALL_SUCCEEDED : SOME_FAILED;
    }

    public static String format(Snapshot s, Ending ending, Duration elapsed, String output, Duration idleTimeout) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Batch %s in %s: %,d lines, %,d succeeded, %,d failed%s",
                ending == Ending.INTERRUPTED ? "interrupted" : "finished", Durations.format(elapsed), s.lines(),
                s.succeededTotal(), s.failedTotal(), byType(s.failedByType())));
        if (s.unfinished() > 0) {
            text.append(String.format(Locale.ROOT, ", %,d without a result", s.unfinished()));
        }
        text.append('\n');
        text.append(String.format(Locale.ROOT, "This run: %,d sent, %,d answered (%s jobs/s), %,d skipped as done "
                + "by an earlier run; results in %s%n", s.sent(), s.answered(), rate(s.answered(), elapsed),
                s.skipped(), output));
        switch (ending) {
            case LIMITED -> text.append(String.format(Locale.ROOT,
                    "%,d lines not sent because of --limit: run the same command again to continue.%n", s.notSent()));
            case INTERRUPTED -> text.append(
                    "Run the same command again to resume: lines with a result are not sent again.\n");
            case TIMED_OUT -> text.append("No answer came for " + Durations.format(idleTimeout)
                    + ": the jobs still out were written as timed out; a rerun sends them again.\n");
            default -> {
            }
        }
        long retryable = s.failedByType().entrySet().stream()
                .filter(e -> !e.getKey().equals("validation_error")).mapToLong(Map.Entry::getValue).sum();
        if (retryable > 0 && ending != Ending.TIMED_OUT) {
            text.append(String.format(Locale.ROOT,
                    "%,d failures other than validation_error: a rerun of the same command retries them.%n", retryable));
        }
        return text.toString();
    }

    static String rate(long count, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? "0" : String.format(Locale.ROOT, "%,.0f", count / seconds);
    }

    private static String byType(Map<String, Long> failed) {
        if (failed.isEmpty()) {
            return "";
        }
        return failed.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
