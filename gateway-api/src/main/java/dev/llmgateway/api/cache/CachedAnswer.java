package dev.llmgateway.api.cache;

import dev.llmgateway.core.message.GenerationResult;

public record CachedAnswer(GenerationResult result, CacheTier tier) {
}
