package dev.llmgateway.cli.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.cli.errors.InvalidUsageException;
import dev.llmgateway.cli.results.Prior.Kind;
import dev.llmgateway.core.json.Json;
import dev.llmgateway.core.message.ErrorInfo;
import dev.llmgateway.core.message.GenerationResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileIsCreatedEmpty() throws IOException {
        Path path = dir.resolve("results.jsonl");

        try (ResultsFile results = ResultsFile.open(path)) {
            assertThat(results.size()).isZero();
            assertThat(results.prior("a")).isNull();
        }
        assertThat(path).exists().isEmptyFile();
    }

    @Test
    void eachResultIsOnDiskAsOneLineBeforeAppendReturns() throws IOException {
        Path path = dir.resolve("results.jsonl");
        try (ResultsFile results = ResultsFile.open(path)) {
            results.append(success("a"));

            assertThat(Files.readAllLines(path)).containsExactly(Json.write(success("a")));
            assertThat(results.prior("a").kind()).isEqualTo(Kind.SUCCEEDED);
        }
    }

    @Test
    void reopeningReadsWhatEarlierRunsWrote() throws IOException {
        Path path = dir.resolve("results.jsonl");
        try (ResultsFile results = ResultsFile.open(path)) {
            results.append(success("a"));
            results.append(failure("b", "provider_error", "down"));
        }

        try (ResultsFile results = ResultsFile.open(path)) {
            assertThat(results.size()).isEqualTo(2);
            assertThat(results.prior("a").isFinal()).isTrue();
            assertThat(results.prior("b").kind()).isEqualTo(Kind.FAILED);
            results.append(success("c"));
        }
        assertThat(Files.readAllLines(path)).hasSize(3);
    }

    @Test
    void aResultThatReplacesAnEarlierOneLeavesOneLinePerIdAfterClose() throws IOException {
        Path path = dir.resolve("results.jsonl");
        try (ResultsFile results = ResultsFile.open(path)) {
            results.append(success("a"));
            results.append(failure("b", "provider_error", "down"));
            results.append(success("c"));
        }

        try (ResultsFile results = ResultsFile.open(path)) {
            results.append(success("b"));
            assertThat(Files.readAllLines(path)).as("appended while running").hasSize(4);
        }

        assertThat(Files.readAllLines(path)).containsExactly(
                Json.write(success("a")), Json.write(success("c")), Json.write(success("b")));
        assertThat(dir.resolve("results.jsonl.compacting")).doesNotExist();
    }

    @Test
    void aLastLineCutShortByACrashIsDropped() throws IOException {
        Path path = dir.resolve("results.jsonl");
        String whole = Json.write(success("a"));
        Files.writeString(path, whole + "\n" + Json.write(success("b")).substring(0, 20), StandardCharsets.UTF_8);

        try (ResultsFile results = ResultsFile.open(path)) {
            assertThat(results.size()).isEqualTo(1);
            results.append(success("c"));
        }

        assertThat(Files.readAllLines(path)).containsExactly(whole, Json.write(success("c")));
    }

    @Test
    void aWholeLastLineWithoutItsNewlineIsKept() throws IOException {
        Path path = dir.resolve("results.jsonl");
        Files.writeString(path, Json.write(success("a")), StandardCharsets.UTF_8);

        try (ResultsFile results = ResultsFile.open(path)) {
            assertThat(results.prior("a")).isNotNull();
            results.append(success("b"));
        }

        assertThat(Files.readAllLines(path)).containsExactly(Json.write(success("a")), Json.write(success("b")));
    }

    @Test
    void aFileThatIsNotResultsIsAUsageErrorNamingTheLine() throws IOException {
        Path path = dir.resolve("prompts.jsonl");
        Files.write(path, List.of(Json.write(success("a")), "{\"prompt\": \"oops, the input\"}"));

        assertThatThrownBy(() -> ResultsFile.open(path)).isInstanceOf(InvalidUsageException.class)
                .hasMessageStartingWith("--out " + path + ": line 2 is not a result of an earlier run");
    }

    @Test
    void aSecondRunOnTheSameFileIsRefused() throws IOException {
        Path path = dir.resolve("results.jsonl");
        ResultsFile first = ResultsFile.open(path);
        try {
            assertThatThrownBy(() -> ResultsFile.open(path)).isInstanceOf(InvalidUsageException.class)
                    .hasMessage("--out " + path + " is in use by another run");
        } finally {
            first.close();
        }
        ResultsFile.open(path).close();
    }

    private static GenerationResult success(String id) {
        return GenerationResult.succeeded(id, "answer " + id, "mock", "mock-1", "stop", null, BigDecimal.ZERO, 5);
    }

    private static GenerationResult failure(String id, String type, String message) {
        return GenerationResult.failed(id, null, null, new ErrorInfo(type, message), 0);
    }
}
