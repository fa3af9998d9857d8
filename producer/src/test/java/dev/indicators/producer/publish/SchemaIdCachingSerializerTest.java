package dev.indicators.producer.publish;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.IndicatorTotal;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.serde.SchemaIdCachingSerializer;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.producer.simulate.CaseSimulator;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serializer that keeps the schema id Apicurio found writes, for every record, exactly the bytes Apicurio's own
 * serializer writes (against the real registry), and they read back as the record.
 */
@DisplayName("Schema-id caching serializer: Apicurio's bytes for every record, without rendering the schema per record")
@ExtendWith(SharedIndicatorStack.class)
class SchemaIdCachingSerializerTest {

    @Test
    void two_thousand_simulated_events_of_every_type_get_apicurios_bytes_and_read_back_equal(IndicatorStack stack) {
        PublisherSettings settings = PublisherSettings.defaults().withBootstrapServers(stack.bootstrapServers())
                .withRegistryUrl(stack.registryUrl()).withTopics(stack.topics());
        Map<String, Object> config = ProducerConfigs.serializerConfig(settings);
        List<SpecificRecord> events = new CaseSimulator(CaseSimulator.caseRegions(RegionTable.bundled()), 11,
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")).stream(2_000).toList();
        assertThat(events).extracting(EventJson::typeOf).containsAll(List.of(EventType.values()));
        try (SchemaIdCachingSerializer<SpecificRecord> caching = new SchemaIdCachingSerializer<>();
             AvroKafkaSerializer<SpecificRecord> apicurio = new AvroKafkaSerializer<>();
             AvroKafkaDeserializer<Object> reader = new AvroKafkaDeserializer<>()) {
            caching.configure(config, false);
            apicurio.configure(config, false);
            reader.configure(new HashMap<>(ProducerConfigs.deserializerConfig(stack.registryUrl())), false);
            for (SpecificRecord event : events) {
                String topic = stack.topics().inputFor(EventJson.typeOf(event));
                byte[] bytes = caching.serialize(topic, event);
                assertThat(bytes).as("%s", event).isEqualTo(apicurio.serialize(topic, event));
                assertThat(reader.deserialize(topic, bytes)).isEqualTo(event);
            }
        }
    }

    @Test
    void totals_with_and_without_numerator_and_denominator_get_apicurios_bytes_on_two_topics(IndicatorStack stack) {
        PublisherSettings settings = PublisherSettings.defaults().withBootstrapServers(stack.bootstrapServers())
                .withRegistryUrl(stack.registryUrl()).withTopics(stack.topics());
        Map<String, Object> config = ProducerConfigs.serializerConfig(settings);
        Random random = new Random(5);
        List<IndicatorTotal> totals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            boolean rate = random.nextBoolean();
            totals.add(IndicatorTotal.newBuilder().setRegionCode(String.valueOf(110101 + random.nextInt(1000)))
                    .setRegionLevel("county").setIndicator(rate ? "mediation.success_rate" : "mediation.received")
                    .setPeriod("month:2024-0" + (1 + random.nextInt(9)))
                    .setValue(rate ? random.nextDouble() : random.nextInt(100_000))
                    .setNumerator(rate ? (long) random.nextInt(1000) : null)
                    .setDenominator(rate ? (long) random.nextInt(1000) + 1000 : null)
                    .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000))).build());
        }
        try (SchemaIdCachingSerializer<IndicatorTotal> caching = new SchemaIdCachingSerializer<>();
             AvroKafkaSerializer<IndicatorTotal> apicurio = new AvroKafkaSerializer<>()) {
            caching.configure(config, false);
            apicurio.configure(config, false);
            for (String topic : List.of(stack.topics().totals(), "caching-serializer-spec-totals")) {
                for (IndicatorTotal total : totals) {
                    assertThat(caching.serialize(topic, total)).as("%s on %s", total, topic).isEqualTo(apicurio.serialize(topic, total));
                }
            }
        }
    }
}
