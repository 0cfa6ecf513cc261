package dev.llmgateway.cli.batch;

import dev.llmgateway.cli.batch.BatchSubmission.Ending;
import dev.llmgateway.cli.input.BatchInput;
import dev.llmgateway.cli.input.JobDefaults;
import dev.llmgateway.cli.input.LineParser;
import dev.llmgateway.cli.progress.ProgressReporter;
import dev.llmgateway.cli.results.ResultsFile;
import dev.llmgateway.core.kafka.KafkaFactory;
import dev.llmgateway.core.kafka.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway batch submit}: options, checks, and the run's wiring; {@link BatchSubmission} does the work. */
@Command(name = "submit", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Sends every line of a JSONL file as a generation job to the gateway's Kafka topic llm.requests and "
                    + "writes each result to --out as one JSON line as it arrives.",
            "Resumable: run the same command again and lines that already have a result are not sent again "
                    + "(successes and validation errors are kept; other failures are retried).",
            "Exit code: 0 every line succeeded, 1 some line failed or has no result, 2 usage error, "
                    + "3 Kafka or the gateway unreachable."},
        footer = {"", "An input line: {\"id\": \"optional\", \"prompt\": \"...\"} or {\"messages\": [{\"role\": \"user\", "
                + "\"content\": \"...\"}]}, optionally with user_id, service, system, max_tokens, temperature, provider, "
                + "model, metadata. A line without an id gets line-<n>-<hash of the line>."})
public final class SubmitCommand implements Callable<Integer> {
    private static final Duration PLAIN_PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROMPTS.jsonl", description = "The input: one JSON object per line.")
    private Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "RESULTS.jsonl",
            description = "Where results go, one JSON line each; appended to, and read on a rerun to resume.")
    private Path out;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            defaultValue = "${env:GATEWAY_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: $GATEWAY_KAFKA_BOOTSTRAP, else ${DEFAULT-VALUE}).")
    private String bootstrap;

    @Option(names = "--reply-topic", paramLabel = "TOPIC",
            description = "Where the gateway answers (created if missing). Default: llm.results.<run-id>, "
                    + "created for this run and deleted when it ends with nothing outstanding.")
    private String replyTopic;

    @Option(names = "--user-id", defaultValue = "${sys:user.name}",
            description = "user_id of lines that have none (default: ${DEFAULT-VALUE}).")
    private String userId;

    @Option(names = "--service", defaultValue = "batch",
            description = "service of lines that have none (default: ${DEFAULT-VALUE}).")
    private String service;

    @Option(names = "--provider", description = "provider of lines that have none (default: the gateway routes).")
    private String provider;

    @Option(names = "--model", description = "model of lines that have none (default: the provider's).")
    private String model;

    @Option(names = "--max-in-flight", defaultValue = "1000", paramLabel = "N",
            description = "The most jobs sent and not yet answered (default: ${DEFAULT-VALUE}).")
    private int maxInFlight;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give up on the jobs still out when no answer at all came for this long, e.g. 30s, 10m, 1h "
                    + "(default: ${DEFAULT-VALUE}). They are written as timed out and retried by a rerun.")
    private Duration timeout;

    @Option(names = "--limit", paramLabel = "N",
            description = "Send at most N jobs in this run, e.g. to try a few lines first; a rerun continues.")
    private Long limit;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a redrawn line on a terminal, else a line every 10 s), tty, plain or none.")
    private ProgressReporter.Mode progress;

    @Override
    public Integer call() throws Exception {
        validate();
        String runId = RunIds.next(Instant.now());
        boolean ownReplyTopic = replyTopic == null;
        BatchSettings settings = new BatchSettings(runId, ownReplyTopic ? Topics.RESULTS.name() + "." + runId : replyTopic,
                ownReplyTopic, maxInFlight, timeout, limit == null ? Long.MAX_VALUE : limit);
        LineParser parser = new LineParser(new JobDefaults(userId, service, provider, model));
        Tally tally = new Tally(BatchInput.countLines(input));

        InterruptOnShutdown ctrlC = InterruptOnShutdown.install(SHUTDOWN_GRACE);
        try {
            return submit(settings, parser, tally);
        } finally {
            ctrlC.close();
        }
    }

    private int submit(BatchSettings settings, LineParser parser, Tally tally) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Ending ending;
        int inFlightAtEnd;
        try (ResultsFile results = ResultsFile.open(out); BatchInput lines = BatchInput.open(input, parser)) {
            err.printf(Locale.ROOT, "Submitting %s (%,d lines) to Kafka at %s as run %s, replies on %s; "
                            + "%s holds %,d results already%n", input, tally.snapshot(0).lines(), bootstrap,
                    settings.runId(), settings.replyTopic(), out, results.size());
            err.flush();
            try (BatchSubmission submission = new BatchSubmission(kafka(), settings, results, tally)) {
                ProgressReporter reporter = new ProgressReporter(progress, err,
                        () -> tally.snapshot(submission.inFlight()), PLAIN_PROGRESS_EVERY).start();
                try {
                    ending = submission.run(lines);
                } finally {
                    reporter.close();
                }
                inFlightAtEnd = submission.inFlight();
            }
        }
        Snapshot snapshot = tally.snapshot(inFlightAtEnd);
        err.print(Summary.format(snapshot, ending, Duration.ofNanos(System.nanoTime() - started), out.toString(),
                timeout));
        err.flush();
        return Summary.exitCode(snapshot);
    }

    private KafkaFactory kafka() {
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(bootstrap);
        // a batch is not a request path: give a struggling broker time instead of failing jobs after seconds
        kafka.getProducer().put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        kafka.getProducer().put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        kafka.getProducer().put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        // throughput over latency: fewer, fuller produce and fetch requests cost the broker and this
        // process less CPU per job, and a few milliseconds do not matter to a batch
        kafka.getProducer().put(ProducerConfig.LINGER_MS_CONFIG, "5");
        kafka.getProducer().put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        kafka.getConsumer().put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(64 * 1024));
        kafka.getConsumer().put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        return kafka;
    }

    private void validate() {
        if (!Files.isRegularFile(input)) {
            throw usage("input file not found: " + input);
        }
        if (!Files.isReadable(input)) {
            throw usage("input file not readable: " + input);
        }
        Path outDirectory = out.toAbsolutePath().getParent();
        if (outDirectory == null || !Files.isDirectory(outDirectory)) {
            throw usage("--out " + out + ": directory " + outDirectory + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw usage("--out " + out + " is a directory; name a file");
        }
        if (Files.exists(out) && sameFile(input, out)) {
            throw usage("--out " + out + " is the input file; name another file");
        }
        if (maxInFlight < 1) {
            throw usage("--max-in-flight must be at least 1, got " + maxInFlight);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw usage("--timeout must be positive, got " + timeout);
        }
        if (limit != null && limit < 0) {
            throw usage("--limit must be at least 0, got " + limit);
        }
        if (replyTopic != null && !replyTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw usage("--reply-topic must be a Kafka topic name ([a-zA-Z0-9._-], at most 249), got '" + replyTopic + "'");
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw usage("--bootstrap must name at least one host:port");
        }
        if (userId == null || userId.isBlank() || service.isBlank()) {
            throw usage("--user-id and --service must not be empty");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
