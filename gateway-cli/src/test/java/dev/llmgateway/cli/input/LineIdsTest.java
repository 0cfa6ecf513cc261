package dev.llmgateway.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineIdsTest {
    @Test
    void anIdIsTheLineNumberAndTwelveHexDigitsOfAHash() {
        assertThat(LineIds.derive(7, "{\"prompt\": \"a\"}")).matches("line-7-[0-9a-f]{12}");
    }

    @Test
    void theSameLineAtTheSamePlaceAlwaysGetsTheSameId() {
        assertThat(LineIds.derive(7, "{\"prompt\": \"a\"}")).isEqualTo(LineIds.derive(7, "{\"prompt\": \"a\"}"));
    }

    @Test
    void anotherPlaceOrAnotherTextGetsAnotherId() {
        String id = LineIds.derive(7, "{\"prompt\": \"a\"}");

        assertThat(LineIds.derive(8, "{\"prompt\": \"a\"}")).isNotEqualTo(id);
        assertThat(LineIds.derive(7, "{\"prompt\": \"b\"}")).isNotEqualTo(id);
        // the number and the text are separated before hashing: "1" + "1x" is not "11" + "x"
        assertThat(LineIds.derive(1, "1x").substring(7)).isNotEqualTo(LineIds.derive(11, "x").substring(8));
    }
}
