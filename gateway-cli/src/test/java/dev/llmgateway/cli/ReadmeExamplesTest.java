package dev.llmgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.batch.BatchSubmission.Ending;
import dev.llmgateway.cli.batch.Snapshot;
import dev.llmgateway.cli.batch.Summary;
import dev.llmgateway.cli.input.JobDefaults;
import dev.llmgateway.cli.input.LineParser;
import dev.llmgateway.cli.input.ParsedLine;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.GenerationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of gateway-cli/README.md are what the command reads and writes. */
class ReadmeExamplesTest {
    private final String readme = read();

    @Test
    void everyInputExampleLineIsAJob() {
        LineParser parser = new LineParser(new JobDefaults("u", "batch", null, null));
        List<String> lines = block("```jsonl input");

        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(parser.parse(i + 1, lines.get(i))).as(lines.get(i)).isInstanceOf(ParsedLine.Job.class);
        }
    }

    @Test
    void everyOutputExampleLineIsAResultExactlyAsTheCommandWritesIt() throws IOException {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (readme.indexOf("```jsonl results", from) >= 0) {
            int start = readme.indexOf("```jsonl results", from);
            lines.addAll(linesOf(start));
            from = start + 1;
        }

        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (String line : lines) {
            assertThat(Json.write(Json.mapper().readValue(line, GenerationResult.class))).isEqualTo(line);
        }
    }

    @Test
    void theRejectionExampleIsWhatTheParserSays() {
        ParsedLine rejected = new LineParser(new JobDefaults("u", "batch", null, null)).parse(2, "{\"promt\": \"x\"}");

        assertThat(readme).contains(Json.write(((ParsedLine.Rejected) rejected).error()));
    }

    @Test
    void theSummaryExampleIsWhatTheCommandPrints() {
        Snapshot snapshot = new Snapshot(200, 197, 197, 197, Map.of("validation_error", 3L), 0, Map.of(), 0, 0);

        String printed = Summary.format(snapshot, Ending.COMPLETED, Duration.ofMillis(31_400), "results.jsonl",
                Duration.ofMinutes(10));

        assertThat(String.join("\n", linesOf(readme.indexOf("```\nBatch finished"))) + "\n").isEqualTo(printed);
    }

    private List<String> block(String opening) {
        int start = readme.indexOf(opening);
        assertThat(start).as(opening).isNotNegative();
        return linesOf(start);
    }

    private List<String> linesOf(int fenceStart) {
        int bodyStart = readme.indexOf('\n', fenceStart) + 1;
        int end = readme.indexOf("```", bodyStart);
        return readme.substring(bodyStart, end).lines().filter(line -> !line.isBlank()).toList();
    }

    private static String read() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new AssertionError("gateway-cli/README.md is missing", e);
        }
    }
}
