package dev.llmgateway.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.input.ParsedLine.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchInputTest {
    private final LineParser parser = new LineParser(new JobDefaults("u", "batch", null, null));

    @TempDir
    Path dir;

    @Test
    void blankLinesAreSkippedAndKeepTheirLineNumbers() throws IOException {
        Path file = write("\uFEFF{\"prompt\": \"one\"}\n\n   \r\n{\"prompt\": \"four\"}\r\n");

        List<ParsedLine> lines = readAll(file);

        assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(1, 4);
        assertThat(lines).allMatch(line -> line instanceof ParsedLine.Job);
        assertThat(BatchInput.countLines(file)).isEqualTo(2);
    }

    @Test
    void aRepeatedIdIsRejectedNamingTheFirstLineWithIt() throws IOException {
        Path file = write("{\"id\": \"a\", \"prompt\": \"1\"}\n{\"id\": \"b\", \"prompt\": \"2\"}\n"
                + "{\"id\": \"a\", \"prompt\": \"3\"}\n");

        List<ParsedLine> lines = readAll(file);

        assertThat(lines.get(2)).isInstanceOf(Rejected.class);
        Rejected duplicate = (Rejected) lines.get(2);
        assertThat(duplicate.error()).isEqualTo("line 3: duplicate id 'a' (first on line 1)");
        assertThat(duplicate.id()).as("not the first line's id").isEqualTo(LineIds.derive(3, "{\"id\": \"a\", \"prompt\": \"3\"}"));
    }

    @Test
    void anEmptyFileHasNoLines() throws IOException {
        Path file = write("");

        assertThat(readAll(file)).isEmpty();
        assertThat(BatchInput.countLines(file)).isZero();
    }

    private List<ParsedLine> readAll(Path file) throws IOException {
        List<ParsedLine> lines = new ArrayList<>();
        try (BatchInput input = BatchInput.open(file, parser)) {
            ParsedLine line;
            while ((line = input.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("in.jsonl"), text, StandardCharsets.UTF_8);
    }
}
