package dev.indicators.producer.publish;

import dev.indicators.contract.EventType;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.serde.SchemaIdCachingSerializer;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.provision.ConfluentSchemaApi;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.producer.simulate.CaseSimulator;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several publishers (several serve instances, after a deploy) whose first event of a type needs a schema version the
 * subject lacks ask the registry to find or create it at the same moment. The registry creates it for one and answers
 * the others 409 "version already exists"; without a retry each of those first events failed (seen here as 2 to 10 of
 * 12 publishers in 4 of 8 rounds, and in the serve fault test as an ingest 500). Each round uses a new topic whose
 * subject is provisioned the way the platform provisions it (the {@code .avsc} schema, BACKWARD), so the race is
 * there to lose in every round, whatever ran before in the shared registry.
 */
@DisplayName("Schema registration race: publishers taking their first event at once all succeed, with one schema id")
@ExtendWith(SharedIndicatorStack.class)
class SchemaRegistrationRaceTest {

    private static final int PUBLISHERS = 12;
    private static final int ROUNDS = 8;

    @Test
    void twelve_publishers_registering_the_same_new_version_at_once_all_serialize_their_first_event(IndicatorStack stack)
            throws Exception {
        Map<String, Object> config = ProducerConfigs.serializerConfig(PublisherSettings.defaults()
                .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl()).withTopics(stack.topics()));
        List<SpecificRecord> events = new CaseSimulator(CaseSimulator.caseRegions(RegionTable.bundled()), 3,
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")).stream(400).toList();
        ConfluentSchemaApi registry = new ConfluentSchemaApi(stack.confluentApiUrl());
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<String> failures = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                EventType type = EventType.values()[round % EventType.values().length];
                SpecificRecord event = events.stream().filter(e -> EventJson.typeOf(e) == type).findFirst().orElseThrow();
                String topic = "registration-race-" + round + "-" + System.nanoTime();
                registry.setCompatibility(SchemaProvisioner.valueSubject(topic), SchemaProvisioner.COMPATIBILITY);
                registry.register(SchemaProvisioner.valueSubject(topic), type.descriptor().schema().toString());

                CyclicBarrier together = new CyclicBarrier(PUBLISHERS);
                List<Future<byte[]>> firsts = new ArrayList<>();
                for (int p = 0; p < PUBLISHERS; p++) {
                    firsts.add(publishers.submit(() -> {
                        try (SchemaIdCachingSerializer<SpecificRecord> serializer = new SchemaIdCachingSerializer<>()) {
                            serializer.configure(config, false);
                            together.await();
                            return serializer.serialize(topic, event);
                        }
                    }));
                }
                List<byte[]> prefixes = new ArrayList<>();
                for (Future<byte[]> first : firsts) {
                    try {
                        prefixes.add(Arrays.copyOf(first.get(), 5));
                    } catch (ExecutionException e) {
                        failures.add("round " + round + " (" + type.jsonName() + "): " + e.getCause());
                    }
                }
                assertThat(prefixes).as("round %d: every publisher's first record carries the one schema id", round)
                        .allSatisfy(prefix -> assertThat(prefix).isEqualTo(prefixes.get(0)));
            }
            assertThat(failures).as("first events that failed").isEmpty();
        } finally {
            publishers.shutdownNow();
        }
    }
}
