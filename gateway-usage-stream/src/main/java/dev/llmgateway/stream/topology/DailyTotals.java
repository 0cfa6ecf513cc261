package dev.llmgateway.stream.topology;

import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import dev.llmgateway.core.message.GenerationStatus;
import dev.llmgateway.core.message.UsageEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The running totals of one {@link DailyUsageKey}: the aggregate kept in the Streams state store. */
record DailyTotals(
        long requests,
        long cachedRequests,
        long failedRequests,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        long latencyMsSum) {

    static final DailyTotals ZERO = new DailyTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, 0);

    DailyTotals {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    /** The UTC day of the event's {@code ts} and its user, service, provider and model. */
    static DailyUsageKey keyOf(UsageEvent event) {
        return new DailyUsageKey(LocalDate.ofInstant(event.ts(), ZoneOffset.UTC), event.userId(), event.service(),
                event.provider(), event.model());
    }

    DailyTotals plus(UsageEvent event) {
        return new DailyTotals(
                requests + 1,
                cachedRequests + (event.cached() ? 1 : 0),
                failedRequests + (event.status() == GenerationStatus.FAILED ? 1 : 0),
                inputTokens + event.inputTokens(),
                outputTokens + event.outputTokens(),
                costUsd.add(event.costUsd()),
                latencyMsSum + event.latencyMs());
    }

    DailyUsage toDailyUsage(DailyUsageKey key) {
        return new DailyUsage(key.date(), key.userId(), key.service(), key.provider(), key.model(), requests,
                cachedRequests, failedRequests, inputTokens, outputTokens, costUsd, latencyMsSum);
    }
}
