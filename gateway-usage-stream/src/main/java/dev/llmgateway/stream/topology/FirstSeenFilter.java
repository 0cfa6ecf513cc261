package dev.llmgateway.stream.topology;

import dev.llmgateway.core.message.UsageEvent;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Forwards a usage event only the first time its request id is seen, so a redelivered job counts
 * once. The first copy wins, as in {@code usage_records} ({@code ON CONFLICT DO NOTHING}).
 *
 * <p>Seen ids live in a window store, at their record timestamp, for {@code retention} of stream
 * time; whole segments expire at once, so nothing scans the store. A copy arriving after the
 * retention would count again. Copies of one id meet in the same task only because
 * {@code llm.usage} is keyed by request id (its contract).
 */
final class FirstSeenFilter implements FixedKeyProcessor<String, UsageEvent, UsageEvent> {
    static final String STORE = "usage-seen-request-ids";

    private final long retentionMs;
    private FixedKeyProcessorContext<String, UsageEvent> context;
    private WindowStore<String, Long> seen;

    FirstSeenFilter(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    static StoreBuilder<WindowStore<String, Long>> store(Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, retention, retention, false),
                Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, UsageEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        String requestId = record.value().requestId();
        long timestamp = record.timestamp();
        if (seenWithinRetention(requestId, timestamp)) {
            return;
        }
        seen.put(requestId, timestamp, timestamp);
        context.forward(record);
    }

    private boolean seenWithinRetention(String requestId, long timestamp) {
        try (WindowStoreIterator<Long> copies =
                seen.fetch(requestId, Math.max(0, timestamp - retentionMs), timestamp + retentionMs)) {
            return copies.hasNext();
        }
    }
}
