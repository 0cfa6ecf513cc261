package dev.llmgateway.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cli.input.ParsedLine.Job;
import dev.llmgateway.cli.input.ParsedLine.Rejected;
import dev.llmgateway.core.message.ChatMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineParserTest {
    private final LineParser parser = new LineParser(new JobDefaults("alice", "batch", null, null));

    @Test
    void aPromptLineBecomesAJobWithTheDefaults() {
        Job job = job(parser.parse(3, "{\"id\": \"q-1\", \"prompt\": \"Summarise: x\"}"));

        assertThat(job.id()).isEqualTo("q-1");
        assertThat(job.lineNumber()).isEqualTo(3);
        assertThat(job.request().id()).isEqualTo("q-1");
        assertThat(job.request().prompt()).isEqualTo("Summarise: x");
        assertThat(job.request().userId()).isEqualTo("alice");
        assertThat(job.request().service()).isEqualTo("batch");
        assertThat(job.request().provider()).isNull();
        assertThat(job.request().model()).isNull();
    }

    @Test
    void everyOptionalFieldOfALineIsCarriedAndWinsOverTheDefaults() {
        LineParser withDefaults = new LineParser(new JobDefaults("alice", "batch", "claude", "claude-haiku"));

        Job job = job(withDefaults.parse(1, "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"user_id\": \"bob\", \"service\": \"nightly\", \"system\": \"Be brief.\", \"max_tokens\": 64, "
                + "\"temperature\": 0.2, \"model\": \"claude-sonnet\", \"metadata\": {\"row\": 17}, \"extra\": true}"));

        assertThat(job.request().messages()).containsExactly(new ChatMessage("user", "hi"));
        assertThat(job.request().prompt()).isNull();
        assertThat(job.request().userId()).isEqualTo("bob");
        assertThat(job.request().service()).isEqualTo("nightly");
        assertThat(job.request().system()).isEqualTo("Be brief.");
        assertThat(job.request().maxTokens()).isEqualTo(64);
        assertThat(job.request().temperature()).isEqualTo(0.2);
        assertThat(job.request().provider()).as("default").isEqualTo("claude");
        assertThat(job.request().model()).as("the line's").isEqualTo("claude-sonnet");
        assertThat(job.request().metadata()).isEqualTo(Map.of("row", "17"));
    }

    @Test
    void aLineWithoutIdGetsTheSameDerivedIdOnEveryRun() {
        String text = "{\"prompt\": \"hello\"}";

        ParsedLine once = parser.parse(42, text);
        ParsedLine again = new LineParser(new JobDefaults("someone-else", "other", null, null)).parse(42, text);

        assertThat(once.id()).isEqualTo(LineIds.derive(42, text)).isEqualTo(again.id()).startsWith("line-42-");
    }

    @Test
    void anIntegerIdIsTakenAsText() {
        assertThat(parser.parse(1, "{\"id\": 17, \"prompt\": \"p\"}").id()).isEqualTo("17");
    }

    @Test
    void aLineThatIsNotJsonIsRejectedNamingTheLine() {
        Rejected rejected = rejected(parser.parse(50, "{\"prompt\": \"unterminated"));

        assertThat(rejected.error()).startsWith("line 50: malformed JSON: ");
        assertThat(rejected.id()).isEqualTo(LineIds.derive(50, "{\"prompt\": \"unterminated"));
    }

    @Test
    void aLineThatIsNotAnObjectIsRejected() {
        assertThat(rejected(parser.parse(2, "[\"prompt\"]")).error()).isEqualTo("line 2: expected a JSON object, got an array");
        assertThat(rejected(parser.parse(3, "\"prompt\"")).error()).isEqualTo("line 3: expected a JSON object, got a string");
        assertThat(rejected(parser.parse(4, "null")).error()).isEqualTo("line 4: expected a JSON object, got null");
    }

    @Test
    void aLineWithNeitherPromptNorMessagesIsRejectedListingItsFields() {
        Rejected rejected = rejected(parser.parse(100, "{\"id\": \"q-9\", \"promt\": \"typo\"}"));

        assertThat(rejected.error()).isEqualTo(
                "line 100: needs a non-empty \"prompt\" or \"messages\" (fields found: id, promt)");
        assertThat(rejected.id()).as("its own id, so the user finds it").isEqualTo("q-9");
        assertThat(rejected(parser.parse(5, "{\"prompt\": \"\", \"messages\": []}")).error())
                .startsWith("line 5: needs a non-empty \"prompt\" or \"messages\"");
    }

    @Test
    void aLineWithBothPromptAndMessagesIsRejected() {
        assertThat(rejected(parser.parse(150,
                "{\"prompt\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"b\"}]}")).error())
                .isEqualTo("line 150: has both \"prompt\" and \"messages\"; give one of them");
    }

    @Test
    void invalidFieldsAreRejectedNamingTheField() {
        assertThat(rejected(parser.parse(1, "{\"prompt\": \"p\", \"max_tokens\": 0}")).error())
                .isEqualTo("line 1: max_tokens must be >= 1, got 0");
        assertThat(rejected(parser.parse(2, "{\"prompt\": \"p\", \"max_tokens\": \"many\"}")).error())
                .startsWith("line 2: max_tokens: ");
        assertThat(rejected(parser.parse(3, "{\"messages\": [{\"content\": \"hi\"}]}")).error())
                .isEqualTo("line 3: messages[0].role is required");
        assertThat(rejected(parser.parse(4, "{\"id\": \" \", \"prompt\": \"p\"}")).error())
                .isEqualTo("line 4: \"id\" is empty");
        assertThat(rejected(parser.parse(5, "{\"id\": {\"a\": 1}, \"prompt\": \"p\"}")).error())
                .isEqualTo("line 5: \"id\" must be a string or an integer, got an object");
    }

    @Test
    void twoValuesOnOneLineAreRejected() {
        assertThat(rejected(parser.parse(8, "{\"prompt\": \"a\"} {\"prompt\": \"b\"}")).error()).startsWith("line 8: ");
    }

    @Test
    void everyRejectionStartsWithThePrefixARerunRecognises() {
        for (String bad : List.of("x", "[]", "{}", "{\"prompt\": \"a\", \"max_tokens\": -1}")) {
            assertThat(rejected(parser.parse(9, bad)).error()).startsWith(LineParser.REJECTION_PREFIX + "9: ");
        }
    }

    private static Job job(ParsedLine line) {
        assertThat(line).isInstanceOf(Job.class);
        return (Job) line;
    }

    private static Rejected rejected(ParsedLine line) {
        assertThat(line).isInstanceOf(Rejected.class);
        return (Rejected) line;
    }
}
