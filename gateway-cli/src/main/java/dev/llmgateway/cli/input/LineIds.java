package dev.llmgateway.cli.input;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of input lines that bring none: {@code line-<number>-<12 hex digits>}, a hash of the line
 * number and the line's exact text. The same file gives the same ids on every run, so a rerun
 * recognises the lines it already has results for; editing a line gives it a new id.
 */
public final class LineIds {
    private static final int HEX_DIGITS = 12;

    private LineIds() {
    }

    public static String derive(int lineNumber, String text) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(Integer.toString(lineNumber).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        return "line-" + lineNumber + "-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    }
}
