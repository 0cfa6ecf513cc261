package dev.llmgateway.core.cost;

import java.math.BigDecimal;
import java.util.Objects;

/** US dollars per million input and per million output tokens. */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    public ModelPrice {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException(
                    "prices must be >= 0, got " + inputPerMillion + " / " + outputPerMillion);
        }
    }

    public static ModelPrice of(String inputPerMillion, String outputPerMillion) {
        return new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }
}
