package dev.llmgateway.stream.sink;

import static dev.llmgateway.stream.UsageEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmgateway.core.kafka.Topics;
import dev.llmgateway.core.message.DailyUsage;
import dev.llmgateway.core.message.UsageEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SinkBatchTest {
    private static final TopicPartition USAGE_0 = new TopicPartition(Topics.USAGE.name(), 0);
    private static final TopicPartition USAGE_1 = new TopicPartition(Topics.USAGE.name(), 1);
    private static final TopicPartition DAILY_0 = new TopicPartition(Topics.USAGE_DAILY.name(), 0);
    private static final LocalDate DAY = LocalDate.parse("2026-11-24");

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> polled = new LinkedHashMap<>();

    @Test
    void readsUsageEventsInOrder() {
        UsageEvent first = usage("r1", "2026-11-24T09:00:00Z").build();
        UsageEvent second = usage("r2", "2026-11-24T09:00:01Z").build();
        add(USAGE_0, 7, Topics.USAGE.record(first.requestId(), first));
        add(USAGE_0, 8, Topics.USAGE.record(second.requestId(), second));

        assertThat(batch().events()).containsExactly(first, second);
    }

    @Test
    void keepsOnlyTheNewestTotalsOfEachDayKey() {
        add(DAILY_0, 0, daily("u1", 1));
        add(DAILY_0, 1, daily("u2", 1));
        add(DAILY_0, 2, daily("u1", 2));

        assertThat(batch().totals()).extracting(DailyUsage::userId, DailyUsage::requests)
                .containsExactly(tuple("u1", 2L), tuple("u2", 1L));
    }

    @Test
    void startsEachPartitionAtItsFirstOffsetAndCommitsPastItsLast() {
        UsageEvent event = usage("r1", "2026-11-24T09:00:00Z").build();
        add(USAGE_0, 7, Topics.USAGE.record("r1", event));
        add(USAGE_0, 8, Topics.USAGE.record("r1", event));
        add(USAGE_1, 3, Topics.USAGE.record("r1", event));
        add(DAILY_0, 40, daily("u1", 1));

        SinkBatch batch = batch();

        assertThat(batch.firstOffsets()).containsOnly(Map.entry(USAGE_0, 7L), Map.entry(USAGE_1, 3L),
                Map.entry(DAILY_0, 40L));
        assertThat(batch.nextOffsets()).containsOnly(Map.entry(USAGE_0, new OffsetAndMetadata(9)),
                Map.entry(USAGE_1, new OffsetAndMetadata(4)), Map.entry(DAILY_0, new OffsetAndMetadata(41)));
    }

    @Test
    void commitsPastTheConsumersPositionWhenATransactionMarkerFollows() {
        add(DAILY_0, 40, daily("u1", 1));

        SinkBatch batch = SinkBatch.of(new ConsumerRecords<>(polled, Map.of(DAILY_0, new OffsetAndMetadata(42))));

        assertThat(batch.nextOffsets()).containsOnly(Map.entry(DAILY_0, new OffsetAndMetadata(42)));
    }

    @Test
    void skipsUnreadableRecordsAndTombstonesButMovesPastThem() {
        UsageEvent event = usage("r2", "2026-11-24T09:00:00Z").build();
        add(USAGE_0, 0, new ProducerRecord<>(USAGE_0.topic(), bytes("r1"), bytes("{\"request_id\":\"r1\"}")));
        add(USAGE_0, 1, new ProducerRecord<>(USAGE_0.topic(), bytes("r9"), null));
        add(USAGE_0, 2, Topics.USAGE.record("r2", event));

        SinkBatch batch = batch();

        assertThat(batch.events()).containsExactly(event);
        assertThat(batch.nextOffsets()).containsOnly(Map.entry(USAGE_0, new OffsetAndMetadata(3)));
    }

    private SinkBatch batch() {
        return SinkBatch.of(new ConsumerRecords<>(polled));
    }

    private void add(TopicPartition partition, long offset, ProducerRecord<byte[], byte[]> record) {
        polled.computeIfAbsent(partition, p -> new ArrayList<>()).add(new ConsumerRecord<>(partition.topic(),
                partition.partition(), offset, record.key(), record.value()));
    }

    private static ProducerRecord<byte[], byte[]> daily(String user, long requests) {
        DailyUsage totals = new DailyUsage(DAY, user, "trendscout", "claude", "m", requests, 0, 0, 0, 0,
                BigDecimal.ONE, 0);
        return Topics.USAGE_DAILY.record(totals.key(), totals);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
