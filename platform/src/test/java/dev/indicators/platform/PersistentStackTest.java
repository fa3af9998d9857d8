package dev.indicators.platform;

import dev.indicators.platform.provision.ConfluentSchemaApi;
import dev.indicators.platform.provision.SchemaProvisioner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stack on a data directory of its own (the demo's {@code --data-dir}) survives a clean restart, on the same
 * addresses: clients pointed at it keep working. A port taken meanwhile by someone else is replaced.
 */
@Tag("fault") // two stacks started and stopped, 75 to 120 s: run with mvn -Pfaults verify, beside DemoProcessTest's --data-dir restart
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
        String bootstrap;
        String registryUrl;
        int managementPort;
        try (IndicatorStack first = IndicatorStack.start(options)) {
            assertThat(first.registry().persistent()).isTrue();
            partition = KafkaClients.send(first.bootstrapServers(), first.topics().mediation(), "MD-2017-0001", "received");
            clusterId = first.kafka().clusterId();
            schemaIds = first.schemaIds();
            // not one of the stack's own subjects: only persistence, not provisioning, can bring it back
            new ConfluentSchemaApi(first.confluentApiUrl()).register("restart-probe-value", SchemaProvisioner.avsc("avro/CertificateEvent.avsc"));
            brokerPid = first.kafka().pid();
            registryPid = first.registry().pid();
            bootstrap = first.bootstrapServers();
            registryUrl = first.registryUrl();
            managementPort = first.registry().managementPort();
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

            assertThat(second.bootstrapServers()).as("broker address after a restart").isEqualTo(bootstrap);
            assertThat(second.registryUrl()).as("registry address after a restart").isEqualTo(registryUrl);
            assertThat(second.registry().managementPort()).isEqualTo(managementPort);
        }

        int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (ServerSocket squatter = new ServerSocket(brokerPort, 1, InetAddress.getByName("127.0.0.1"));
             IndicatorStack third = IndicatorStack.start(options)) {
            assertThat(third.bootstrapServers()).as("broker address while another process holds its port").isNotEqualTo(bootstrap);
            assertThat(third.registryUrl()).isEqualTo(registryUrl);
            assertThat(KafkaClients.find(third.bootstrapServers(), third.topics().mediation(), partition, "MD-2017-0001", Duration.ofSeconds(20)))
                    .isPresent();
            assertThat(dataDir.resolve("kafka/ports.properties")).content().contains("port=" + third.kafka().port());
        }
    }
}
