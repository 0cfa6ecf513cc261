package dev.llmgateway.api.kafka;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The producer of jobs, which can drop the jobs Kafka has not acknowledged yet. A caller answered
 * 503 must be able to retry without the first attempt running too; a producer would otherwise
 * deliver the job it holds as soon as the broker is back (within its delivery timeout).
 * Thread-safe.
 */
public final class JobProducer implements AutoCloseable {
    private final Supplier<Producer<byte[], byte[]>> factory;
    private volatile Producer<byte[], byte[]> producer;

    public JobProducer(Supplier<Producer<byte[], byte[]>> factory) {
        this.factory = factory;
        this.producer = factory.get();
    }

    /** As {@link Producer#send(ProducerRecord, Callback)}; a job dropped later fails its callback. */
    public void send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        producer.send(record, callback);
    }

    /**
     * Fails every job not acknowledged yet (its callback gets the error) and makes sure it never
     * reaches Kafka, by closing the producer at once; later jobs go to a new one.
     */
    public synchronized void dropUnacknowledged() {
        // closed before its successor exists, which takes the same client id (and metrics names)
        producer.close(Duration.ZERO);
        producer = factory.get();
    }

    @Override
    public synchronized void close() {
        producer.close();
    }
}
