package dev.llmgateway.api.cache;

/** Where a cached answer came from: this instance's memory, or Redis shared by all instances. */
public enum CacheTier { L1, L2 }
