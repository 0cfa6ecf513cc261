package dev.llmgateway.api.generation;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable request ids: {@code gen_} and 128 random bits, so one caller cannot read another's job. */
public final class RequestIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "gen_" + HexFormat.of().formatHex(bytes);
    }
}
