package dev.indicators.app.live;

import dev.indicators.contract.avro.IndicatorTotal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * The changed totals between two positions of the totals topic, for a subscriber that comes back with
 * {@code Last-Event-ID}: from the position it had reached to the position at which it joined the live feed again, so
 * nothing is missed and nothing sent twice. Compaction may have removed older records of a key in between; what is
 * left is still each total's latest value, which is what a subscriber needs.
 */
public final class TotalsReplay implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Deserializer<IndicatorTotal> values;
    private final StreamPosition from;
    private final StreamPosition to;

    TotalsReplay(Properties consumerProperties, String topic, Deserializer<IndicatorTotal> values, StreamPosition from, StreamPosition to) {
        this.consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /**
     * Calls {@code each} with every readable change in {@code [from, to)}, in each partition's order, with the position
     * after it; returns the position reached (= {@code to} when done, or where it stopped when {@code keepGoing} failed).
     */
    public StreamPosition forEach(BiConsumer<TotalChange, StreamPosition> each, java.util.function.BooleanSupplier keepGoing) {
        List<TopicPartition> partitions = to.nextOffsets().keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        StreamPosition at = from;
        for (TopicPartition tp : partitions) {
            long start = Math.min(from.next(tp.partition()), to.next(tp.partition()));
            consumer.seek(tp, start);
            at = at.after(tp.partition(), start - 1);
        }
        while (keepGoing.getAsBoolean() && !reached(partitions)) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() >= to.next(r.partition())) continue;
                at = at.after(r.partition(), r.offset());
                if (r.value() == null) continue;
                TotalChange change;
                try {
                    change = TotalChange.of(values.deserialize(topic, r.value()));
                } catch (RuntimeException unreadable) {
                    continue; // the live feed logs unreadable records; a replay skips them the same way
                }
                each.accept(change, at);
            }
        }
        return reached(partitions) ? to : at;
    }

    private boolean reached(List<TopicPartition> partitions) {
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= to.next(tp.partition()));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
