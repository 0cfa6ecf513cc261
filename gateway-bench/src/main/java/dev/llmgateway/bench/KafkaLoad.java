package dev.llmgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Load a batch producer and the usage stream see: jobs written to {@code llm.requests} as the README's
 * Kafka contract says (plain JSON and two headers) and answered on a reply topic of this run's; usage
 * events written to {@code llm.usage} and counted once they show in the usage API.
 */
final class KafkaLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap;

    KafkaLoad(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Jobs per second from the first send to the last distinct answer; failed answers are counted apart. */
    Throughput jobs(int count, String provider, Duration deadline) throws Exception {
        String replyTopic = "bench.results." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(replyTopic, 1, (short) 1))).all().get();
        }
        try (KafkaConsumer<byte[], byte[]> replies = consumer(); KafkaProducer<byte[], byte[]> producer = producer()) {
            TopicPartition partition = new TopicPartition(replyTopic, 0);
            replies.assign(List.of(partition));
            replies.seekToBeginning(List.of(partition));
            replies.position(partition);
            String run = UUID.randomUUID().toString().substring(0, 8);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String id = "bench-" + run + "-" + i;
                String job = JSON.writeValueAsString(Map.of("id", id, "user_id", "bench-batch", "service", "bench",
                        "provider", provider, "prompt", "batch prompt " + i, "max_tokens", 64));
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("llm.requests", bytes(id), bytes(job));
                record.headers().add("correlation-id", bytes(id)).add("reply-topic", bytes(replyTopic));
                producer.send(record);
            }
            producer.flush();
            Set<String> answered = new HashSet<>();
            long failed = 0;
            long until = start + deadline.toNanos();
            while (answered.size() < count && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> reply : replies.poll(Duration.ofMillis(100))) {
                    JsonNode result = JSON.readTree(reply.value());
                    if (answered.add(result.path("id").asText()) && !"succeeded".equals(result.path("status").asText())) {
                        failed++;
                    }
                }
            }
            return new Throughput(count, answered.size(), failed, System.nanoTime() - start);
        }
    }

    /**
     * Usage events per second from the first send until the usage API counts them all, for one user of
     * this run's; {@code counted} reads how many requests the API has for that user.
     */
    Throughput usage(int count, String user, LongSupplier counted, Duration deadline) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long start = System.nanoTime();
            String now = Instant.now().toString();
            for (int i = 0; i < count; i++) {
                String id = user + "-" + i;
                String event = "{\"request_id\":\"" + id + "\",\"ts\":\"" + now + "\",\"user_id\":\"" + user
                        + "\",\"service\":\"bench\",\"provider\":\"mock\",\"model\":\"mock-1\",\"input_tokens\":10,"
                        + "\"output_tokens\":20,\"cost_usd\":0.000001,\"latency_ms\":1,\"cached\":false,"
                        + "\"status\":\"succeeded\"}";
                producer.send(new ProducerRecord<>("llm.usage", bytes(id), bytes(event)));
            }
            producer.flush();
            long until = start + deadline.toNanos();
            long seen = 0;
            while (seen < count && System.nanoTime() < until) {
                seen = counted.getAsLong();
                if (seen < count) {
                    Thread.sleep(100);
                }
            }
            return new Throughput(count, seen, 0, System.nanoTime() - start);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code done} of {@code sent} finished within the deadline, {@code failed} of them with an error. */
    record Throughput(long sent, long done, long failed, long nanos) {
        double perSecond() {
            return done / (nanos / 1e9);
        }
    }
}
