package dev.llmgateway.cli.batch;

import dev.llmgateway.cli.batch.InFlight.Pending;
import dev.llmgateway.cli.input.BatchInput;
import dev.llmgateway.cli.input.ParsedLine;
import dev.llmgateway.cli.input.ParsedLine.Job;
import dev.llmgateway.cli.input.ParsedLine.Rejected;
import dev.llmgateway.cli.kafka.BatchTopics;
import dev.llmgateway.cli.kafka.ReplyReader;
import dev.llmgateway.cli.results.Prior;
import dev.llmgateway.cli.results.ResultsFile;
import dev.llmgateway.core.kafka.GatewayHeaders;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.GenerationRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * One run of {@code gateway batch submit}: reads the input line by line, writes rejected lines'
 * errors, skips lines the output already has a final result for, produces the other lines to
 * {@code llm.requests} with at most {@code maxInFlight} outstanding, and writes each result as it
 * arrives on the reply topic ({@link Outcomes}). Each job goes out under a request id of its own
 * attempt ({@code <run-id>:<line id>}); its result is written under the line's id.
 *
 * <p>Use: {@link #run}, then {@link #close()}. Threads: the caller's sends; the reply reader and
 * the producer's callback thread settle jobs. Interrupting the caller ends the run early
 * ({@link Ending#INTERRUPTED}): jobs in flight are abandoned, not written, so a rerun sends them again.
 */
public final class BatchSubmission implements AutoCloseable {
    /** How a run ended. */
    public enum Ending {
        /** Every line has a result. */
        COMPLETED,
        /** {@code --limit} kept some lines from being sent. */
        LIMITED,
        /** No answer came for the idle timeout: the jobs still out were written as timed out. */
        TIMED_OUT,
        /** The run was interrupted; jobs in flight have no result in the output. */
        INTERRUPTED
    }

    private static final long WAIT_SLICE_MS = 100;

    private final KafkaFactory kafka;
    private final BatchSettings settings;
    private final ResultsFile results;
    private final Tally tally;
    private final InFlight inFlight;
    private final Outcomes outcomes;
    private Admin admin;
    private ReplyReader reader;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean replyTopicCreated;

    public BatchSubmission(KafkaFactory kafka, BatchSettings settings, ResultsFile results, Tally tally) {
        this.kafka = kafka;
        this.settings = settings;
        this.results = results;
        this.tally = tally;
        this.inFlight = new InFlight(settings.maxInFlight());
        this.outcomes = new Outcomes(results, tally, inFlight);
    }

    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Runs the batch to its end; call once. Kafka is contacted when the first line needs sending,
     * so a rerun with nothing left to send works without it.
     *
     * @throws dev.llmgateway.cli.errors.GatewayUnavailableException when Kafka or the gateway's topics are missing
     * @throws java.io.UncheckedIOException when the output cannot be written
     */
    public Ending run(BatchInput input) throws IOException {
        Ending ending;
        try {
            ending = submit(input);
            if (ending != Ending.TIMED_OUT) {
                ending = awaitAnswers(ending);
            }
        } catch (InterruptedException | InterruptException e) {
            Thread.interrupted(); // handled here: the cleanup below must not be interrupted too
            ending = Ending.INTERRUPTED;
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            closeReader();
        }
        checkReader();
        if (ending == Ending.TIMED_OUT) {
            outcomes.giveUpOnOutstanding(settings.idleTimeout());
        }
        return ending;
    }

    /** Stops reading replies; deletes this run's own reply topic when no answer can be owed on it. */
    @Override
    public void close() {
        closeReader();
        if (admin == null) {
            return;
        }
        if (settings.ownReplyTopic() && replyTopicCreated && inFlight.isEmpty()) {
            new BatchTopics(admin, kafka).deleteQuietly(settings.replyTopic());
        }
        admin.close(Duration.ofSeconds(5));
    }

    private Ending submit(BatchInput input) throws IOException, InterruptedException {
        long sentThisRun = 0;
        boolean limited = false;
        ParsedLine line;
        while ((line = input.next()) != null) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            checkReader();
            if (line instanceof Rejected rejected) {
                outcomes.rejected(rejected);
                continue;
            }
            Job job = (Job) line;
            Prior prior = results.prior(job.id());
            if (prior != null && prior.isFinal()) {
                tally.earlier(prior);
            } else if (sentThisRun >= settings.limit()) {
                tally.notSent();
                limited = true;
            } else {
                if (producer == null) {
                    connect();
                }
                if (!awaitRoom()) {
                    return Ending.TIMED_OUT;
                }
                send(job);
                sentThisRun++;
            }
        }
        return limited ? Ending.LIMITED : Ending.COMPLETED;
    }

    /** Checks that Kafka has a gateway, creates the reply topic and starts reading it, then the producer. */
    private void connect() {
        admin = kafka.buildAdmin("gateway-cli-admin-" + settings.runId());
        BatchTopics topics = new BatchTopics(admin, kafka);
        topics.requireRequestsTopic();
        topics.ensureReplyTopic(settings.replyTopic());
        replyTopicCreated = true;
        reader = ReplyReader.start(kafka, clientId(), settings.replyTopic(), outcomes::answered);
        producer = kafka.buildProducer(clientId());
    }

    private boolean awaitRoom() throws InterruptedException {
        while (!inFlight.tryAcquire(WAIT_SLICE_MS)) {
            checkReader();
            if (outcomes.idleLongerThan(settings.idleTimeout())) {
                return false;
            }
        }
        return true;
    }

    private void send(Job job) {
        String requestId = settings.requestId(job.id());
        GenerationRequest request = attempt(job.request(), requestId, Instant.now());
        ProducerRecord<byte[], byte[]> record = Topics.REQUESTS.record(requestId, request);
        GatewayHeaders.put(record.headers(), GatewayHeaders.CORRELATION_ID, requestId);
        GatewayHeaders.put(record.headers(), GatewayHeaders.REPLY_TOPIC, settings.replyTopic());
        if (inFlight.isEmpty()) {
            outcomes.jobsWentOut();
        }
        inFlight.register(requestId, new Pending(job.id(), job.lineNumber()));
        tally.sent();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    outcomes.notDelivered(requestId, error);
                }
            });
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            outcomes.notDelivered(requestId, e);
        }
    }

    private Ending awaitAnswers(Ending ending) throws InterruptedException {
        while (!inFlight.awaitEmpty(WAIT_SLICE_MS)) {
            checkReader();
            if (outcomes.idleLongerThan(settings.idleTimeout())) {
                return Ending.TIMED_OUT;
            }
        }
        return ending;
    }

    private void checkReader() {
        if (reader != null && reader.failure() != null) {
            throw reader.failure();
        }
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
        }
    }

    private String clientId() {
        return "gateway-cli-" + settings.runId();
    }

    /** The line's request under the id of this attempt, created now (the gateway measures latency from it). */
    static GenerationRequest attempt(GenerationRequest line, String requestId, Instant createdAt) {
        return new GenerationRequest(requestId, line.userId(), line.service(), line.prompt(), line.system(),
                line.messages(), line.provider(), line.model(), line.maxTokens(), line.temperature(), line.metadata(),
                line.candidates(), line.deadline(), createdAt, line.stream());
    }
}
