package dev.indicators.platform;

import dev.indicators.platform.provision.ConfluentSchemaApi;
import dev.indicators.platform.provision.SchemaProvisioner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A stack on a data directory of its own (the demo's {@code --data-dir}) survives a clean restart. */
class PersistentStackTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartOnTheSameDataDirectoryKeepsRecordsTopicsAndSchemas() throws Exception {
        StackOptions options = StackOptions.defaults().withDataDir(dataDir);
        String clusterId;
        Map<String, Integer> schemaIds;
        int partition;
        long brokerPid;
        long registryPid;
        try (IndicatorStack first = IndicatorStack.start(options)) {
            assertThat(first.registry().persistent()).isTrue();
            partition = KafkaClients.send(first.bootstrapServers(), first.topics().mediation(), "MD-2017-0001", "received");
            clusterId = first.kafka().clusterId();
            schemaIds = first.schemaIds();
            // not one of the stack's own subjects: only persistence, not provisioning, can bring it back
            new ConfluentSchemaApi(first.confluentApiUrl()).register("restart-probe-value", SchemaProvisioner.avsc("avro/CertificateEvent.avsc"));
            brokerPid = first.kafka().pid();
            registryPid = first.registry().pid();
        }
        assertThat(ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive)).as("broker after close").isEmpty();
        assertThat(ProcessHandle.of(registryPid).filter(ProcessHandle::isAlive)).as("registry after close").isEmpty();
        assertThat(dataDir.resolve("kafka/data/meta.properties")).exists();

        try (IndicatorStack second = IndicatorStack.start(options)) {
            Optional<ConsumerRecord<String, String>> kept = KafkaClients.find(second.bootstrapServers(),
                    second.topics().mediation(), partition, "MD-2017-0001", Duration.ofSeconds(20));

            assertThat(kept).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo("received"));
            assertThat(second.kafka().clusterId()).isEqualTo(clusterId);
            assertThat(second.schemaIds()).isEqualTo(schemaIds);
            ConfluentSchemaApi api = new ConfluentSchemaApi(second.confluentApiUrl());
            assertThat(api.subjects()).contains("restart-probe-value");
            schemaIds.keySet().forEach(subject -> assertThat(api.compatibility(subject)).isEqualTo("BACKWARD"));
        }
    }
}
