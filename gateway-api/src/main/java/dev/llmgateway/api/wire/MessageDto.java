package dev.llmgateway.api.wire;

/** A conversation turn as callers send it; validated by {@code GenerateRequestValidator}. */
public record MessageDto(String role, String content) {
}
