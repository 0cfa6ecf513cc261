package dev.llmgateway.stream.sink;

import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.DailyUsageKey;
import dev.llmgateway.core.message.UsageEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of {@code llm.usage} and {@code llm.usage.daily} as rows to write (only the newest totals
 * of each day key), with the offset each partition starts from and the offsets to commit once
 * the rows are written.
 */
final class SinkBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SinkBatch.class);

    private final List<UsageEvent> events = new ArrayList<>();
    private final Map<DailyUsageKey, DailyUsage> newestTotals = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();

    private SinkBatch() {
    }

    static SinkBatch of(ConsumerRecords<byte[], byte[]> records) {
        SinkBatch batch = new SinkBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(record);
        }
        // Past a transaction's commit marker, so the committed lag of a quiet partition is zero.
        records.nextOffsets().forEach((partition, next) -> batch.nextOffsets.computeIfPresent(partition,
                (p, fromRecords) -> next.offset() > fromRecords.offset() ? next : fromRecords));
        return batch;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        firstOffsets.putIfAbsent(partition, record.offset());
        nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.USAGE.name())) {
                events.add(Topics.USAGE.value(record));
            } else if (record.topic().equals(Topics.USAGE_DAILY.name())) {
                DailyUsage totals = Topics.USAGE_DAILY.value(record);
                newestTotals.put(totals.key(), totals);
            }
        } catch (SerializationException e) {
            // It can never be read, so waiting for it would stop the sink for good; the stream skips it too.
            LOG.error("Skipping unreadable record {}@{}: {}", partition, record.offset(), e.getMessage());
        }
    }

    List<UsageEvent> events() {
        return events;
    }

    Collection<DailyUsage> totals() {
        return newestTotals.values();
    }

    /** Per partition, the offset of the batch's first record: where to read again if the write fails. */
    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        return nextOffsets;
    }
}
