package dev.llmgateway.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.core.message.TokenUsage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
    private final CostCalculator calculator = new CostCalculator(PriceTable.defaults());

    @Test
    void costsClaudeSonnetExactlyPerMillionTokens() {
        BigDecimal cost = calculator.cost("claude-sonnet-4-5-20250929", new TokenUsage(12, 40));

        assertThat(cost).isEqualTo(new BigDecimal("0.000636"));
        assertThat(cost.toPlainString()).isEqualTo("0.000636");
    }

    @Test
    void costsAnUnknownModelNothing() {
        assertThat(calculator.cost("some-new-model", new TokenUsage(1_000, 1_000))).isEqualTo(BigDecimal.ZERO);
        assertThat(calculator.cost(null, new TokenUsage(1_000, 1_000))).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void costsZeroTokensNothing() {
        assertThat(calculator.cost("claude-sonnet-4-5-20250929", TokenUsage.NONE)).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void costsTheMockModelNothing() {
        assertThat(calculator.cost("mock", new TokenUsage(500, 500))).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void chargesInputAndOutputTokensAtTheirOwnPrices() {
        assertThat(calculator.cost("claude-sonnet-4-5", new TokenUsage(1_000_000, 0))).isEqualByComparingTo("3");
        assertThat(calculator.cost("claude-sonnet-4-5", new TokenUsage(0, 1_000_000))).isEqualByComparingTo("15");
        assertThat(calculator.cost("gpt-4o-mini", new TokenUsage(7, 3))).isEqualTo(new BigDecimal("0.00000285"));
    }

    @Test
    void staysExactForLargeTokenCounts() {
        long billions = 123_456_789_012L;

        BigDecimal cost = calculator.cost("gpt-5-nano", new TokenUsage(billions, billions));

        assertThat(cost).isEqualByComparingTo(new BigDecimal(billions).multiply(new BigDecimal("0.45"))
                .divide(BigDecimal.valueOf(1_000_000)));
        assertThat(cost.toPlainString()).isEqualTo("55555.5550554");
    }

    @Test
    void sumsThousandsOfCallsToTheExactProductWithoutFloatingPointDrift() {
        BigDecimal total = BigDecimal.ZERO;
        double floatingTotal = 0;
        for (int i = 0; i < 1_000; i++) {
            total = total.add(calculator.cost("gpt-4o-mini", new TokenUsage(7, 3)));
            floatingTotal += 0.00000285;
        }

        assertThat(total).isEqualByComparingTo("0.00285");
        assertThat(total.toPlainString()).isEqualTo("0.00285000");
        assertThat(floatingTotal).as("what doubles would have billed").isNotEqualTo(0.00285);
    }

    @Test
    void sumsTheSeedsSonnetCallToTheExactProduct() {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 1_000; i++) {
            total = total.add(calculator.cost("claude-sonnet-4-5-20250929", new TokenUsage(12, 40)));
        }

        assertThat(total).isEqualByComparingTo("0.636");
    }

    @Test
    void pricesADatedModelIdAtItsLongestListedPrefix() {
        assertThat(calculator.cost("claude-opus-4-5-20251101", new TokenUsage(1_000_000, 0))).isEqualByComparingTo("5");
        assertThat(calculator.cost("claude-opus-4-20250514", new TokenUsage(1_000_000, 0))).isEqualByComparingTo("15");
        assertThat(calculator.cost("gpt-4o-mini-2024-07-18", new TokenUsage(1_000_000, 0)))
                .isEqualByComparingTo("0.15");
        assertThat(calculator.cost("gpt-4o-2024-11-20", new TokenUsage(1_000_000, 0))).isEqualByComparingTo("2.50");
    }

    @Test
    void letsConfiguredPricesWinOverTheDefaults() {
        PriceTable prices = PriceTable.defaults().with(Map.of(
                "claude-sonnet-4-5", ModelPrice.of("2", "10"),
                "in-house-llm", ModelPrice.of("0.01", "0.02")));
        CostCalculator configured = new CostCalculator(prices);

        assertThat(configured.cost("claude-sonnet-4-5-20250929", new TokenUsage(12, 40)))
                .isEqualTo(new BigDecimal("0.000424"));
        assertThat(configured.cost("in-house-llm", new TokenUsage(1_000_000, 1_000_000))).isEqualByComparingTo("0.03");
        assertThat(calculator.cost("claude-sonnet-4-5-20250929", new TokenUsage(12, 40)))
                .as("the defaults are unchanged").isEqualTo(new BigDecimal("0.000636"));
    }

    @Test
    void writesWholeDollarCostsWithoutAnExponent() {
        BigDecimal cost = calculator.cost("claude-opus-4-1", new TokenUsage(0, 4_000_000));

        assertThat(cost).isEqualByComparingTo("300");
        assertThat(cost.toPlainString()).isEqualTo("300");
    }
}
