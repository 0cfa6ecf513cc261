package dev.llmgateway.core.crypto;

/**
 * What may be shown of a provider API key: its last four characters, and only when the key is long
 * enough ({@value #MIN_KEY_CHARS} characters) that four of them give nothing useful away.
 */
public final class KeyHint {
    public static final int MIN_KEY_CHARS = 8;

    private KeyHint() {
    }

    /** The last four characters of {@code apiKey}, or null for no key or a key shorter than {@value #MIN_KEY_CHARS}. */
    public static String lastFour(String apiKey) {
        if (apiKey == null || apiKey.length() < MIN_KEY_CHARS) {
            return null;
        }
        return apiKey.substring(apiKey.length() - 4);
    }
}
