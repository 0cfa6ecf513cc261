package dev.llmgateway.worker.provider;

import dev.llmgateway.core.message.TokenUsage;

/** What a provider answered, in the gateway's terms ({@code finish_reason} as OpenAI names it). */
public record ProviderResponse(String content, String finishReason, TokenUsage usage) {
}
