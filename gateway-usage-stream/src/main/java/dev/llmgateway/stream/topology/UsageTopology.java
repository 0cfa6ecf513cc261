package dev.llmgateway.stream.topology;

import dev.llmgateway.core.kafka.JsonSerde;
import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsageKey;
import dev.llmgateway.core.message.UsageEvent;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code llm.usage} → drop repeated request ids → totals per (UTC day, user, service, provider,
 * model) → the absolute totals on {@code llm.usage.daily}, each time they change (at most once per
 * commit interval, thanks to the record cache). Every node, store and internal topic is named, so
 * a later change to the topology keeps its state.
 */
public final class UsageTopology {
    /** The name of the state store of daily totals. */
    public static final String TOTALS_STORE = "usage-daily-totals";
    /** The name of the store of request ids already counted. */
    public static final String SEEN_STORE = FirstSeenFilter.STORE;

    private static final JsonSerde<DailyTotals> TOTALS_SERDE = JsonSerde.of(DailyTotals.class);

    private final Duration dedupRetention;

    /** @param dedupRetention how long a request id is remembered, in stream time */
    public UsageTopology(Duration dedupRetention) {
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        if (dedupRetention.toMillis() < 60_000) {
            throw new IllegalArgumentException("dedupRetention must be at least one minute, got " + dedupRetention);
        }
        this.dedupRetention = dedupRetention;
    }

    public void build(StreamsBuilder builder) {
        builder.addStateStore(FirstSeenFilter.store(dedupRetention));
        builder.stream(Topics.USAGE.name(), Consumed.with(Topics.USAGE.keySerde(), Topics.USAGE.valueSerde())
                        .withName("usage-events"))
                .filter((requestId, event) -> event != null, Named.as("drop-tombstones"))
                .processValues(() -> new FirstSeenFilter(dedupRetention), Named.as("first-seen"), SEEN_STORE)
                .groupBy((requestId, event) -> DailyTotals.keyOf(event), Grouped.<DailyUsageKey, UsageEvent>as("usage-by-day")
                        .withKeySerde(Topics.USAGE_DAILY.keySerde())
                        .withValueSerde(Topics.USAGE.valueSerde()))
                .aggregate(() -> DailyTotals.ZERO, (key, event, totals) -> totals.plus(event), Named.as("add-usage"),
                        Materialized.<DailyUsageKey, DailyTotals, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(Topics.USAGE_DAILY.keySerde())
                                .withValueSerde(TOTALS_SERDE))
                .toStream(Named.as("totals-changes"))
                .mapValues((key, totals) -> totals.toDailyUsage(key), Named.as("to-daily-usage"))
                .to(Topics.USAGE_DAILY.name(), Produced.with(Topics.USAGE_DAILY.keySerde(),
                        Topics.USAGE_DAILY.valueSerde()).withName("daily-usage"));
    }
}
