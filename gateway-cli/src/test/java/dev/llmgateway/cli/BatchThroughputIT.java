package dev.llmgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.support.CliRun;
import dev.llmgateway.cli.support.TestGateway;
import dev.llmgateway.testkit.PostgresFixture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a check: batch throughput of the runnable jar against a worker answering with
 * the mock provider at 0 ms. Runs only when asked, e.g.
 * {@code ./mvnw -B -pl gateway-cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=BatchThroughputIT -Dgateway.bench.jobs=100000}; the report goes to stdout and to
 * {@code target/batch-throughput.txt}. {@code -Dgateway.bench.inprocess=true} runs the command in
 * the test JVM instead of {@code java -jar target/gateway-cli.jar}.
 */
@EnabledIfSystemProperty(named = "gateway.bench.jobs", matches = "\\d+")
class BatchThroughputIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.shared();
    /** As bin/gateway starts the command; {@code -Dgateway.bench.javaOpts=-Xshare:auto} for the JVM's defaults. */
    private static final String JAVA_OPTS =
            System.getProperty("gateway.bench.javaOpts", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    private static final Pattern ANSWERED = Pattern.compile("([\\d,]+) answered \\(([\\d,]+) jobs/s\\)");

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

    @Test
    void batchThroughputWithTheMockProviderAtZeroMilliseconds() throws Exception {
        gateway.addMockProvider("mock", 10, 0);
        int jobs = Integer.getInteger("gateway.bench.jobs");
        int warmUp = Integer.getInteger("gateway.bench.warmup", Math.min(20_000, Math.max(jobs / 5, 1)));
        boolean inProcess = Boolean.getBoolean("gateway.bench.inprocess");
        String maxInFlight = System.getProperty("gateway.bench.maxInFlight", "1000");

        submit(prompts("warmup.jsonl", warmUp, "warm-up"), dir.resolve("warmup-results.jsonl"), inProcess, maxInFlight);
        String loadBefore = loadAverage();
        Duration gatewayCpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        long started = System.nanoTime();
        String summary = submit(prompts("prompts.jsonl", jobs, "batch"), dir.resolve("results.jsonl"), inProcess, maxInFlight);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        Duration gatewayCpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)
                .minus(gatewayCpuBefore);

        Matcher answered = ANSWERED.matcher(summary);
        assertThat(answered.find()).as(summary).isTrue();
        assertThat(Long.parseLong(answered.group(1).replace(",", ""))).as(summary).isEqualTo(jobs);
        String report = String.format(Locale.ROOT, "batch throughput: %,d jobs in %.1f s wall (%s) = %,.0f jobs/s; "
                        + "the command's own summary: %s jobs/s; max in flight %s; worker 2 consumers x 256; "
                        + "mock provider 0 ms; %d cores; load average before %s, after %s; CPU of the test JVM "
                        + "(broker, worker%s): %.1f s%n%s",
                jobs, wall.toMillis() / 1000.0, inProcess ? "in the test JVM" : "java " + JAVA_OPTS + " -jar gateway-cli.jar",
                jobs / (wall.toNanos() / 1e9), answered.group(2), maxInFlight,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), inProcess ? ", command" : "",
                gatewayCpu.toMillis() / 1000.0, summary);
        System.out.println(report);
        Files.writeString(Path.of("target", "batch-throughput.txt"), report);
    }

    private String submit(Path input, Path out, boolean inProcess, String maxInFlight) throws Exception {
        List<String> args = List.of("batch", "submit", input.toString(), "--out", out.toString(),
                "--bootstrap", gateway.bootstrapServers(), "--max-in-flight", maxInFlight, "--progress", "plain",
                "--timeout", "60s");
        if (inProcess) {
            CliRun run = CliRun.execute(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            return run.err();
        }
        // bash's time reports the command's CPU next to its summary
        List<String> jar = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jar.addAll(List.of(JAVA_OPTS.split(" ")));
        jar.addAll(List.of("-jar", Path.of("target", "gateway-cli.jar").toString()));
        jar.addAll(args);
        List<String> command = List.of("/bin/bash", "-c", "time \"$@\"", "bash");
        command = new ArrayList<>(command);
        command.addAll(jar);
        Path err = dir.resolve(out.getFileName() + ".stderr");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        int code = process.waitFor();
        String printed = Files.readString(err);
        assertThat(code).as(printed).isZero();
        return printed;
    }

    private Path prompts(String name, int count, String label) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                out.write("{\"prompt\": \"Summarise item " + i + " of the " + label
                        + " in one sentence, for the weekly report.\"}\n");
            }
        }
        return file;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
