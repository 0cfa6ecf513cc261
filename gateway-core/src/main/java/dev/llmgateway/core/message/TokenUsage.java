package dev.llmgateway.core.message;

/** Tokens a provider counted for one generation. */
public record TokenUsage(long inputTokens, long outputTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || inputTokens > UsageEvent.MAX_COUNT || outputTokens > UsageEvent.MAX_COUNT) {
            // beyond the bound a usage event could not be recorded: a provider's answer with such counts is broken
            throw new IllegalArgumentException("token counts must be >= 0 and at most " + UsageEvent.MAX_COUNT
                    + ", got input=" + inputTokens + " output=" + outputTokens);
        }
    }
}
