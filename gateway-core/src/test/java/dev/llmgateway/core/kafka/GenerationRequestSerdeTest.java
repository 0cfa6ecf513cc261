package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.core.message.ChatMessage;
import dev.llmgateway.core.message.GenerationRequest;
import dev.llmgateway.core.message.ProviderTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationRequestSerdeTest {
    private static final String TOPIC = Topics.REQUESTS.name();

    private static String write(GenerationRequest request) {
        return new String(Topics.REQUESTS.valueSerde().serializer().serialize(TOPIC, request), StandardCharsets.UTF_8);
    }

    private static GenerationRequest read(String json) {
        return Topics.REQUESTS.valueSerde().deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    private static GenerationRequest full() {
        return GenerationRequest.builder("gen_1", "u1", "trendscout")
                .system("be brief")
                .messages(List.of(ChatMessage.user("Hello"), new ChatMessage("assistant", "Hi"),
                        ChatMessage.user("Grüße 👋")))
                .provider("claude")
                .model("claude-sonnet-4-5-20250929")
                .maxTokens(1024)
                .temperature(0.7)
                .metadata(Map.of("team", "growth"))
                .candidates(List.of(new ProviderTarget("claude", "claude-sonnet-4-5-20250929"),
                        new ProviderTarget("openai", "gpt-4o")))
                .deadline(Instant.parse("2026-11-24T10:15:30.123Z"))
                .createdAt(Instant.parse("2026-11-24T10:15:00Z"))
                .stream(true)
                .build();
    }

    @Test
    void roundTripsEveryField() {
        GenerationRequest original = full();

        assertThat(read(write(original))).isEqualTo(original);
    }

    @Test
    void writesSnakeCaseFieldsAndIsoInstants() {
        String json = write(full());

        assertThat(json)
                .contains("\"id\":\"gen_1\"", "\"user_id\":\"u1\"", "\"service\":\"trendscout\"",
                        "\"max_tokens\":1024", "\"temperature\":0.7", "\"metadata\":{\"team\":\"growth\"}",
                        "\"candidates\":[{\"provider\":\"claude\",\"model\":\"claude-sonnet-4-5-20250929\"}",
                        "\"deadline\":\"2026-11-24T10:15:30.123Z\"", "\"created_at\":\"2026-11-24T10:15:00Z\"",
                        "\"stream\":true", "{\"role\":\"assistant\",\"content\":\"Hi\"}", "Grüße")
                .doesNotContain("userId", "maxTokens", "createdAt", "conversation");
    }

    @Test
    void omitsAbsentOptionalFields() {
        String json = write(GenerationRequest.builder("gen_1", "u1", "s").prompt("Hello").build());

        assertThat(json).doesNotContain("system", "messages", "provider", "model", "max_tokens", "temperature",
                "metadata", "candidates", "deadline", "created_at", "null");
    }

    @Test
    void readsTheMinimalRequestABatchProducerPublishes() {
        GenerationRequest request = read("{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"batch\",\"prompt\":\"Hi\"}");

        assertThat(request.id()).isEqualTo("r1");
        assertThat(request.userId()).isEqualTo("u1");
        assertThat(request.prompt()).isEqualTo("Hi");
        assertThat(request.stream()).isFalse();
        assertThat(request.candidates()).isNull();
        assertThat(request.conversation()).containsExactly(ChatMessage.user("Hi"));
    }

    @Test
    void ignoresUnknownFields() {
        GenerationRequest request = read("{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"s\",\"prompt\":\"Hi\","
                + "\"priority_class\":\"gold\",\"extra\":{\"nested\":[1,2]}}");

        assertThat(request.prompt()).isEqualTo("Hi");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing id        | {\"user_id\":\"u1\",\"service\":\"s\",\"prompt\":\"Hi\"}                 | 'id'",
        "missing user_id   | {\"id\":\"r1\",\"service\":\"s\",\"prompt\":\"Hi\"}                      | 'user_id'",
        "missing service   | {\"id\":\"r1\",\"user_id\":\"u1\",\"prompt\":\"Hi\"}                     | 'service'",
        "blank id          | {\"id\":\" \",\"user_id\":\"u1\",\"service\":\"s\",\"prompt\":\"Hi\"}   | : id is required",
        "null user_id      | {\"id\":\"r1\",\"user_id\":null,\"service\":\"s\",\"prompt\":\"Hi\"}     | : user_id is required",
        "empty service     | {\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"\",\"prompt\":\"Hi\"}   | : service is required",
    })
    void rejectsARequestWithoutARequiredFieldNamingIt(String why, String json, String naming) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("not a valid GenerationRequest on llm.requests: ")
                .hasMessageContaining(naming);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NUL in the user      | \"user_id\":\"a\\u0000b\"                | user_id must not contain control",
        "newline in the id    | \"id\":\"r\\n1\"                        | id must not contain control",
        "a provider too long  | \"provider\":\"%s\"                       | provider must be at most 256",
        "a model too long     | \"model\":\"%s\"                          | model must be at most 256",
        "a user too long      | \"user_id\":\"%s\"                        | user_id must be at most 256",
    })
    void rejectsANameTheRestApiWouldRejectSoItsUsageCanAlwaysBeStored(String why, String field, String message) {
        String json = "{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"s\",\"prompt\":\"Hi\","
                + String.format(field, "x".repeat(257)) + "}";

        assertThatThrownBy(() -> read(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsARequestWithNeitherPromptNorMessages() {
        assertThatThrownBy(() -> read("{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"s\",\"messages\":[]}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("exactly one of prompt or messages is required");
    }

    @Test
    void rejectsARequestWithBothPromptAndMessages() {
        assertThatThrownBy(() -> read("{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"s\",\"prompt\":\"Hi\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("exactly one of prompt or messages is required");
    }

    @Test
    void rejectsAMessageWithoutContent() {
        assertThatThrownBy(() -> read("{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"s\","
                + "\"messages\":[{\"role\":\"user\"}]}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("messages.[0].content")
                .hasMessageContaining("'content'");
    }

    @Test
    void rejectsMaxTokensBelowOne() {
        assertThatThrownBy(() -> read("{\"id\":\"r1\",\"user_id\":\"u1\",\"service\":\"s\",\"prompt\":\"Hi\","
                + "\"max_tokens\":0}"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("max_tokens must be >= 1, got 0");
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> read("this is not json"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid GenerationRequest on llm.requests")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        for (String notAnObject : List.of("null", "42", "[]", "\"text\"", "true")) {
            assertThatThrownBy(() -> read(notAnObject))
                    .as(notAnObject)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("GenerationRequest");
        }
    }

    @Test
    void rejectsTrailingBytesSoTwoConcatenatedJobsAreNotHalfLostSilently() {
        String one = write(GenerationRequest.builder("gen_1", "u1", "s").prompt("Hi").build());
        String two = write(GenerationRequest.builder("gen_2", "u1", "s").prompt("Hi").build());

        assertThatThrownBy(() -> read(one + two))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("GenerationRequest");
        assertThatThrownBy(() -> read(one + " garbage"))
                .isInstanceOf(SerializationException.class);
        assertThat(read(" " + one + "\n").id()).as("surrounding whitespace is fine").isEqualTo("gen_1");
    }

    @Test
    void rejectsEmptyBytes() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("GenerationRequest");
    }

    @Test
    void treatsAbsentBytesAsNoValue() {
        assertThat(Topics.REQUESTS.valueSerde().deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(Topics.REQUESTS.valueSerde().serializer().serialize(TOPIC, null)).isNull();
    }

    @Test
    void keepsRoutedCandidatesWhenRerouted() {
        GenerationRequest routed = full().withCandidates(List.of(new ProviderTarget("mock", "mock-1")));

        assertThat(read(write(routed)).candidates()).containsExactly(new ProviderTarget("mock", "mock-1"));
        assertThat(routed).usingRecursiveComparison().ignoringFields("candidates").isEqualTo(full());
    }
}
