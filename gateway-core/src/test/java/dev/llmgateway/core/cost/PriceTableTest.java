package dev.llmgateway.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable defaults = PriceTable.defaults();

    @Test
    void findsAnExactModelName() {
        assertThat(defaults.priceOf("gpt-4o")).contains(ModelPrice.of("2.50", "10"));
        assertThat(defaults.priceOf("gpt-4o-mini")).contains(ModelPrice.of("0.15", "0.60"));
    }

    @Test
    void pricesASnapshotAtTheLongestListedPrefix() {
        assertThat(defaults.priceOf("claude-sonnet-4-5-20250929")).contains(ModelPrice.of("3", "15"));
        assertThat(defaults.priceOf("claude-opus-4-5-20251101")).contains(ModelPrice.of("5", "25"));
        assertThat(defaults.priceOf("gpt-4.1-mini-2025-04-14")).contains(ModelPrice.of("0.40", "1.60"));
    }

    @Test
    void matchesPrefixesOnlyAtADash() {
        assertThat(defaults.priceOf("gpt-4oz")).isEmpty();
        assertThat(defaults.priceOf("o30")).isEmpty();
        assertThat(defaults.priceOf("claude-sonnet")).isEmpty();
    }

    @Test
    void knowsNothingOfUnknownOrMissingModels() {
        assertThat(defaults.priceOf("llama-3.3-70b")).isEmpty();
        assertThat(defaults.priceOf(null)).isEmpty();
        assertThat(defaults.priceOf("")).isEmpty();
    }

    @Test
    void letsOverridesWinForExactAndDatedNames() {
        PriceTable custom = defaults.with(Map.of("gpt-4o", ModelPrice.of("1", "1")));

        assertThat(custom.priceOf("gpt-4o")).contains(ModelPrice.of("1", "1"));
        assertThat(custom.priceOf("gpt-4o-2024-11-20")).contains(ModelPrice.of("1", "1"));
        assertThat(custom.priceOf("gpt-4o-mini")).contains(ModelPrice.of("0.15", "0.60"));
        assertThat(defaults.priceOf("gpt-4o")).contains(ModelPrice.of("2.50", "10"));
    }

    @Test
    void rejectsNegativePrices() {
        assertThatThrownBy(() -> ModelPrice.of("-1", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
