package dev.llmgateway.core.cost;

import dev.llmgateway.core.message.TokenUsage;
import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact cost of a generation: tokens times the model's price per million, in {@link BigDecimal}
 * with no rounding. An unknown model costs 0 and is logged once, so a missing price shows up in the
 * logs instead of as a wrong bill.
 */
public final class CostCalculator {
    private static final Logger LOG = LoggerFactory.getLogger(CostCalculator.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final PriceTable prices;
    private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

    public CostCalculator(PriceTable prices) {
        this.prices = prices;
    }

    public BigDecimal cost(String model, TokenUsage usage) {
        return prices.priceOf(model)
                .map(price -> price.inputPerMillion().multiply(BigDecimal.valueOf(usage.inputTokens()))
                        .add(price.outputPerMillion().multiply(BigDecimal.valueOf(usage.outputTokens())))
                        .divide(MILLION)
                        .stripTrailingZeros())
                .map(cost -> cost.signum() == 0 ? BigDecimal.ZERO : cost)
                .orElseGet(() -> unknown(model));
    }

    private BigDecimal unknown(String model) {
        if (reportedUnknown.add(String.valueOf(model))) {
            LOG.warn("No price configured for model '{}': its usage is counted at cost 0", model);
        }
        return BigDecimal.ZERO;
    }
}
