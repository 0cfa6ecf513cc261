package dev.llmgateway.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Jackson's failures as one line for a caller: the field and what it must be, never a Java type name. */
class JsonErrorsTest {
    record Body(String name, Integer count, Long big, Double ratio, Boolean flag, List<String> tags,
            Map<String, String> labels, List<Item> items, Object any) {
    }

    record Item(String role) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "string from object    | {\"name\": {}}                    | name: must be a string",
        "string from array     | {\"name\": [1]}                   | name: must be a string",
        "integer from text     | {\"count\": \"many\"}             | count: must be an integer",
        "integer from array    | {\"count\": []}                   | count: must be an integer",
        "long from boolean     | {\"big\": true}                   | big: must be an integer",
        "number from text      | {\"ratio\": \"warm\"}             | ratio: must be a number",
        "boolean from text     | {\"flag\": \"yes\"}               | flag: must be true or false",
        "list from boolean     | {\"tags\": false}                 | tags: must be an array",
        "list element          | {\"tags\": [{}]}                  | tags.[0]: must be a string",
        "map from text         | {\"labels\": \"x\"}               | labels: must be an object",
        "nested record         | {\"items\": [\"x\"]}              | items.[0]: must be an object",
        "body from array       | [1, 2]                            | the body must be an object",
        "body from text        | \"text\"                          | the body must be an object",
        "body from number      | 42                                | the body must be an object",
        "trailing content      | {} {}                             | unexpected content after the JSON value",
    })
    void namesTheFieldAndTheJsonTypeItMustBe(String why, String json, String expected) {
        assertThat(describe(json)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "int overflow        | {\"count\": 2147483648}",
        "huge number         | {\"count\": 1e400}",
        "non-numeric number  | {\"ratio\": NaN}",
        "bad token           | {\"name\": nope}",
        "truncated           | {\"name\": \"abc",
    })
    void saysWhatIsWrongWithoutJavaTypeNamesOrJacksonSettings(String why, String json) {
        assertThat(describe(json)).doesNotContain("java.", "`", "dev.llmgateway", "JsonReadFeature", "Exception")
                .isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "deep arrays  | 2000 | [   | ]",
        "deep objects | 2000 | {\"a\": | }",
    })
    void reportsParserLimitsWithoutNamingTheirSettings(String why, int depth, String open, String close) {
        String json = "{\"any\": " + open.repeat(depth) + close.repeat(depth) + "}";

        assertThat(describe(json)).startsWith("too large: ").contains("nesting depth")
                .doesNotContain("`", "StreamReadConstraints");
    }

    private static String describe(String json) {
        Throwable thrown = catchThrowable(() -> Json.mapper().readValue(json, Body.class));
        assertThat(thrown).as(json).isNotNull();
        return JsonErrors.describe(thrown);
    }
}
