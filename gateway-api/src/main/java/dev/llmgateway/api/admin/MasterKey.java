package dev.llmgateway.api.admin;

import dev.llmgateway.core.crypto.SecretBox;

/** The master key that seals provider API keys at rest: required, and checked before anything starts. */
public final class MasterKey {
    public static final String VARIABLE = "GATEWAY_MASTER_KEY";

    private MasterKey() {
    }

    /**
     * @param base64 the configured {@code masterKey}
     * @throws IllegalStateException naming the setting and what is wrong with it (never its value)
     */
    public static SecretBox require(String base64) {
        try {
            return SecretBox.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the master key (config 'masterKey', usually from " + VARIABLE
                    + "): " + e.getMessage() + ". Provider API keys are encrypted with it, so the API does not start "
                    + "without one; generate one with: openssl rand -base64 32");
        }
    }
}
