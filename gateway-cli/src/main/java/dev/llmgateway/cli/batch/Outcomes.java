package dev.llmgateway.cli.batch;

import dev.llmgateway.cli.batch.InFlight.Pending;
import dev.llmgateway.cli.input.ParsedLine.Rejected;
import dev.llmgateway.cli.results.Prior;
import dev.llmgateway.cli.results.ResultsFile;
import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationResult;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes each line's outcome to the output and counts it: the gateway's answers, rejected lines,
 * jobs Kafka did not take, jobs given up on. A sent job is settled through {@link InFlight#take},
 * so of two outcomes for one job (a redelivered job's second answer, a send failure racing an
 * answer) only the first is written. Keeps the time of the last progress for the idle timeout.
 * Thread-safe: called by the sending thread, the reply reader and the producer's callbacks.
 */
final class Outcomes {
    private static final String VALIDATION_ERROR = "validation_error";

    private final ResultsFile results;
    private final Tally tally;
    private final InFlight inFlight;
    private volatile long lastProgressNanos = System.nanoTime();

    Outcomes(ResultsFile results, Tally tally, InFlight inFlight) {
        this.results = results;
        this.tally = tally;
        this.inFlight = inFlight;
    }

    /** Writes a rejected line's error, unless the output already has exactly it. */
    void rejected(Rejected line) {
        Prior prior = results.prior(line.id());
        if (prior != null && prior.isSameRejection(line.error())) {
            tally.earlier(prior);
            return;
        }
        GenerationResult failed = GenerationResult.failed(line.id(), null, null,
                new ErrorInfo(VALIDATION_ERROR, line.error()), 0);
        results.append(failed);
        tally.finished(failed, false);
    }

    /** An answer from the reply topic; ignored unless it settles a job of this run. */
    void answered(GenerationResult result) {
        settle(result.id(), job -> relabel(result, job.lineId()), true);
    }

    void notDelivered(String requestId, Exception error) {
        settle(requestId, job -> GenerationResult.failed(job.lineId(), null, null,
                new ErrorInfo("unavailable", "not delivered to Kafka: " + error.getMessage()), 0), false);
    }

    /** Call once nothing else settles jobs: the ones still out get a timeout result a rerun retries. */
    void giveUpOnOutstanding(Duration waited) {
        for (Map.Entry<String, Pending> outstanding : inFlight.takeAll()) {
            try {
                write(GenerationResult.failed(outstanding.getValue().lineId(), null, null,
                        new ErrorInfo("timeout", "no answer while the batch waited " + Durations.format(waited)
                                + " without any; a rerun sends the line again"), 0), false);
            } finally {
                inFlight.release();
            }
        }
    }

    /** The idle clock runs while jobs are out: restart it when the first of them goes out. */
    void jobsWentOut() {
        lastProgressNanos = System.nanoTime();
    }

    boolean idleLongerThan(Duration timeout) {
        return !inFlight.isEmpty() && System.nanoTime() - lastProgressNanos > timeout.toNanos();
    }

    private void settle(String requestId, Function<Pending, GenerationResult> resultOf, boolean fromGateway) {
        Pending job = inFlight.take(requestId);
        if (job == null) {
            return;
        }
        try {
            write(resultOf.apply(job), fromGateway);
        } finally {
            inFlight.release();
        }
    }

    private void write(GenerationResult result, boolean fromGateway) {
        results.append(result);
        tally.finished(result, fromGateway);
        lastProgressNanos = System.nanoTime();
    }

    /** The gateway's result under the line's id, as the output shows it. */
    static GenerationResult relabel(GenerationResult result, String lineId) {
        return new GenerationResult(lineId, result.status(), result.content(), result.provider(), result.model(),
                result.finishReason(), result.usage(), result.costUsd(), result.latencyMs(), result.cached(),
                result.error());
    }
}
