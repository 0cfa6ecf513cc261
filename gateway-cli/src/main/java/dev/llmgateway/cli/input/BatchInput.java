package dev.llmgateway.cli.input;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSONL input file one line at a time: blank lines are skipped (they keep their line
 * numbers), a leading byte-order mark is ignored, and a line whose id an earlier line already had
 * is rejected. Only the ids seen so far are held, never the lines. Not thread-safe.
 */
public final class BatchInput implements Closeable {
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final BufferedReader reader;
    private final LineParser parser;
    private final Map<String, Integer> firstLineOfId = new HashMap<>();
    private int lineNumber;

    private BatchInput(BufferedReader reader, LineParser parser) {
        this.reader = reader;
        this.parser = parser;
    }

    public static BatchInput open(Path file, LineParser parser) throws IOException {
        return new BatchInput(reader(file), parser);
    }

    /** The next non-blank line, parsed; null at the end of the file. */
    public ParsedLine next() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && text.startsWith(BYTE_ORDER_MARK)) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            ParsedLine parsed = parser.parse(lineNumber, text);
            Integer first = firstLineOfId.putIfAbsent(parsed.id(), lineNumber);
            if (first != null) {
                return LineParser.reject(lineNumber, LineIds.derive(lineNumber, text),
                        "duplicate id '" + parsed.id() + "' (first on line " + first + ")");
            }
            return parsed;
        }
        return null;
    }

    /** How many non-blank lines {@code file} has: the total a progress report counts towards. */
    public static long countLines(Path file) throws IOException {
        long count = 0;
        try (BufferedReader lines = reader(file)) {
            String text;
            while ((text = lines.readLine()) != null) {
                if (!text.isBlank() && !text.equals(BYTE_ORDER_MARK)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static BufferedReader reader(Path file) throws IOException {
        // an InputStreamReader replaces malformed UTF-8 instead of failing the whole run on one line;
        // a FileInputStream, unlike a channel, is not closed by an interrupt (Ctrl-C ends a run by one)
        return new BufferedReader(new InputStreamReader(new FileInputStream(file.toFile()), StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
