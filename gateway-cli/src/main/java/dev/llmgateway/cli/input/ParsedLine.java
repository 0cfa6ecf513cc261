package dev.llmgateway.cli.input;

import dev.llmgateway.core.message.GenerationRequest;

/** A non-blank input line: a job to send, or a line that cannot be sent and why. */
public sealed interface ParsedLine {
    /** The 1-based physical line number in the input file. */
    int lineNumber();

    /** The line's id: its own {@code id}, or one derived from its number and content. */
    String id();

    /**
     * A usable line. {@code request} carries the line's id, as a template: each attempt is sent
     * under an id of its own (see {@code BatchSubmission}).
     */
    record Job(int lineNumber, String id, GenerationRequest request) implements ParsedLine {
    }

    /** A line that is not sent; {@code error} names the line number and what is wrong. */
    record Rejected(int lineNumber, String id, String error) implements ParsedLine {
    }
}
