package dev.llmgateway.core.kafka;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/** A topic's name with the serdes of its keys and values, so neither is typed twice. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** A record for this topic, serialized with its serdes, ready for a byte-array producer. */
    public ProducerRecord<byte[], byte[]> record(K key, V value) {
        return new ProducerRecord<>(name, keySerde.serializer().serialize(name, key),
                valueSerde.serializer().serialize(name, value));
    }

    public V value(ConsumerRecord<byte[], byte[]> record) {
        return valueSerde.deserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    public K key(ConsumerRecord<byte[], byte[]> record) {
        return keySerde.deserializer().deserialize(record.topic(), record.headers(), record.key());
    }

    /** The same contract on another topic name, e.g. a per-instance reply topic. */
    public Topic<K, V> named(String otherName) {
        return new Topic<>(otherName, keySerde, valueSerde);
    }
}
