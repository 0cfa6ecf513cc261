package dev.llmgateway.core.cost;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices by model name. A dated model id ({@code claude-sonnet-4-5-20250929}) takes the price of
 * the longest listed name it starts with ({@code claude-sonnet-4-5}), so new snapshots of a known
 * model are priced without a configuration change.
 */
public final class PriceTable {
    private final Map<String, ModelPrice> prices;

    public PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** Public list prices of current Claude and GPT models (USD per million tokens). */
    public static PriceTable defaults() {
        Map<String, ModelPrice> p = new LinkedHashMap<>();
        p.put("claude-opus-4-5", ModelPrice.of("5", "25"));
        p.put("claude-opus-4-1", ModelPrice.of("15", "75"));
        p.put("claude-opus-4", ModelPrice.of("15", "75"));
        p.put("claude-sonnet-4-5", ModelPrice.of("3", "15"));
        p.put("claude-sonnet-4", ModelPrice.of("3", "15"));
        p.put("claude-3-7-sonnet", ModelPrice.of("3", "15"));
        p.put("claude-haiku-4-5", ModelPrice.of("1", "5"));
        p.put("claude-3-5-haiku", ModelPrice.of("0.80", "4"));
        p.put("gpt-5", ModelPrice.of("1.25", "10"));
        p.put("gpt-5-mini", ModelPrice.of("0.25", "2"));
        p.put("gpt-5-nano", ModelPrice.of("0.05", "0.40"));
        p.put("gpt-4.1", ModelPrice.of("2", "8"));
        p.put("gpt-4.1-mini", ModelPrice.of("0.40", "1.60"));
        p.put("gpt-4.1-nano", ModelPrice.of("0.10", "0.40"));
        p.put("gpt-4o", ModelPrice.of("2.50", "10"));
        p.put("gpt-4o-mini", ModelPrice.of("0.15", "0.60"));
        p.put("o3", ModelPrice.of("2", "8"));
        p.put("o4-mini", ModelPrice.of("1.10", "4.40"));
        p.put("mock", ModelPrice.of("0", "0"));
        return new PriceTable(p);
    }

    /** These prices with {@code overrides} taking precedence, e.g. from configuration. */
    public PriceTable with(Map<String, ModelPrice> overrides) {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(prices);
        merged.putAll(overrides);
        return new PriceTable(merged);
    }

    public Optional<ModelPrice> priceOf(String model) {
        if (model == null) {
            return Optional.empty();
        }
        ModelPrice exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return prices.entrySet().stream()
                .filter(e -> model.startsWith(e.getKey() + "-"))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
