package dev.llmgateway.api.wire;

import java.util.List;

/** {@code {"rows": [...]}}. */
public record UsageRows<T>(List<T> rows) {
}
