package dev.indicators.producer.it;

import dev.indicators.platform.IndicatorStack;
import dev.indicators.producer.publish.ProducerConfigs;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads records back from the shared stack's topics (which other tests also write: filter by your own ids). */
final class TopicReader {

    private TopicReader() {
    }

    /** Deserialised with Apicurio's deserializer, as any consumer of our topics would. */
    static List<ConsumerRecord<String, SpecificRecord>> read(IndicatorStack stack, Collection<String> topics,
                                                             Predicate<ConsumerRecord<String, SpecificRecord>> wanted, int expected) {
        AvroKafkaDeserializer<SpecificRecord> values = new AvroKafkaDeserializer<>();
        values.configure(ProducerConfigs.deserializerConfig(stack.registryUrl()), false);
        return read(stack, topics, new StringDeserializer(), values, wanted, expected);
    }

    /** The raw value bytes, to look at the wire format. */
    static List<ConsumerRecord<String, byte[]>> readRaw(IndicatorStack stack, Collection<String> topics,
                                                        Predicate<ConsumerRecord<String, byte[]>> wanted, int expected) {
        return read(stack, topics, new StringDeserializer(), new ByteArrayDeserializer(), wanted, expected);
    }

    private static <V> List<ConsumerRecord<String, V>> read(IndicatorStack stack, Collection<String> topics,
                                                            Deserializer<String> keys, Deserializer<V> values,
                                                            Predicate<ConsumerRecord<String, V>> wanted, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                for (PartitionInfo p : consumer.partitionsFor(t)) partitions.add(new TopicPartition(t, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(r)) found.add(r);
                }
                if (found.size() >= expected && caughtUp(consumer, partitions)) break;
            }
        }
        return found;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < ends.get(p)) return false;
        }
        return true;
    }

    static String eventId(SpecificRecord e) {
        return String.valueOf(e.get(e.getSchema().getField("eventId").pos()));
    }
}
