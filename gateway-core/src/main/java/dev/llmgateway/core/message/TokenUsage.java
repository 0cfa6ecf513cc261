package dev.llmgateway.core.message;

/** Tokens a provider counted for one generation. */
public record TokenUsage(long inputTokens, long outputTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must be >= 0, got input=" + inputTokens + " output=" + outputTokens);
        }
    }
}
