package dev.indicators.platform.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the embedded schema registry.
 *
 * @param dataDir             its own directory: {@code registry.log}, and the H2 files of a persistent 2.x registry
 * @param port                HTTP port on 127.0.0.1; 0 picks a free one
 * @param managementPort      health and metrics port of 3.x on 127.0.0.1; 0 picks a free one (2.x has none)
 * @param kafkaSqlBootstrap   empty: in-memory storage (schemas die with the process); present: persistent storage, in
 *                            this Kafka cluster (3.x {@code kafkasql}; 2.x, whose distribution lacks kafkasql, keeps
 *                            an H2 file under {@code dataDir} instead)
 * @param version             a distribution version to insist on; empty chooses by the JDKs available
 * @param maxHeap             the registry JVM's {@code -Xmx}
 * @param startTimeout        how long to wait for it to answer
 * @param access              secure mode: only the admin may write (3.x only); empty: anyone may
 */
public record RegistryOptions(Path dataDir, int port, int managementPort, Optional<String> kafkaSqlBootstrap,
                              Optional<String> version, String maxHeap, Duration startTimeout, Optional<RegistryAccess> access) {

    public RegistryOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(access, "access");
    }

    public RegistryOptions(Path dataDir, int port, int managementPort, Optional<String> kafkaSqlBootstrap,
                           Optional<String> version, String maxHeap, Duration startTimeout) {
        this(dataDir, port, managementPort, kafkaSqlBootstrap, version, maxHeap, startTimeout, Optional.empty());
    }

    public RegistryOptions withAccess(RegistryAccess access) {
        return new RegistryOptions(dataDir, port, managementPort, kafkaSqlBootstrap, version, maxHeap, startTimeout, Optional.of(access));
    }

    public static RegistryOptions in(Path dataDir) {
        return new RegistryOptions(dataDir, 0, 0, Optional.empty(), Optional.empty(), "512m", Duration.ofMinutes(5));
    }

    public boolean persistent() {
        return kafkaSqlBootstrap.isPresent();
    }

    /** Keeps schemas across restarts, in the Kafka cluster at {@code bootstrapServers}. */
    public RegistryOptions withPersistentStorage(String bootstrapServers) {
        return new RegistryOptions(dataDir, port, managementPort, Optional.of(bootstrapServers), version, maxHeap, startTimeout, access);
    }

    public RegistryOptions withPort(int port) {
        return new RegistryOptions(dataDir, port, managementPort, kafkaSqlBootstrap, version, maxHeap, startTimeout, access);
    }

    public RegistryOptions withManagementPort(int managementPort) {
        return new RegistryOptions(dataDir, port, managementPort, kafkaSqlBootstrap, version, maxHeap, startTimeout, access);
    }

    public RegistryOptions withVersion(String version) {
        return new RegistryOptions(dataDir, port, managementPort, kafkaSqlBootstrap, Optional.of(version), maxHeap, startTimeout, access);
    }

    public RegistryOptions withMaxHeap(String maxHeap) {
        return new RegistryOptions(dataDir, port, managementPort, kafkaSqlBootstrap, version, maxHeap, startTimeout, access);
    }

    public RegistryOptions withStartTimeout(Duration startTimeout) {
        return new RegistryOptions(dataDir, port, managementPort, kafkaSqlBootstrap, version, maxHeap, startTimeout, access);
    }
}
