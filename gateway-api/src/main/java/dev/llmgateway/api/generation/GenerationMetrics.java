package dev.llmgateway.api.generation;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.llmgateway.api.cache.CacheTier;

/** Cache hits by tier and misses, and rate-limit refusals, as meters ({@code /metrics} on the admin port). */
public final class GenerationMetrics {
    private final Meter l1Hits;
    private final Meter l2Hits;
    private final Meter misses;
    private final Meter rateLimited;

    public GenerationMetrics(MetricRegistry metrics) {
        this.l1Hits = metrics.meter("cache.hits.l1");
        this.l2Hits = metrics.meter("cache.hits.l2");
        this.misses = metrics.meter("cache.misses");
        this.rateLimited = metrics.meter("ratelimit.rejections");
    }

    void hit(CacheTier tier) {
        (tier == CacheTier.L1 ? l1Hits : l2Hits).mark();
    }

    void miss() {
        misses.mark();
    }

    void rateLimited() {
        rateLimited.mark();
    }
}
