package dev.llmgateway.cli.batch;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids like {@code b20260124T101530-3f2a9c}: sortable by start time, unique, valid in topic names. */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String next(Instant now) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return "b" + STAMP.format(now) + "-" + HexFormat.of().formatHex(random);
    }
}
