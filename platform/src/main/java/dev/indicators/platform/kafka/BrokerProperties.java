package dev.indicators.platform.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The {@code server.properties} of a one-node KRaft cluster (broker and controller in one process) on 127.0.0.1. */
final class BrokerProperties {

    static final int NODE_ID = 1;

    private BrokerProperties() {
    }

    static Map<String, String> of(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
        return of(logDir, port, controllerPort, overrides, java.util.Optional.empty());
    }

    static Map<String, String> of(Path logDir, int port, int controllerPort, Map<String, String> overrides,
                                  java.util.Optional<BrokerSecurity> security) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // A static voter set: the controller's address lives in this file, not in the metadata log, so a restart on
        // the same data with other ports just works (a dynamic quorum would remember the old controller port).
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());

        // One broker: every internal topic has one replica, and exactly-once (transactions) must accept that.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer internal partitions than the default 50: the first consumer group and the first transaction
        // (Kafka Streams exactly_once_v2) create these topics, and 50 partitions cost seconds on a small machine.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "3");
        // Tests and the demo should not wait 3 s for more group members that never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");

        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        security.ifPresent(s -> p.putAll(s.serverProperties(port, controllerPort)));
        p.putAll(overrides);
        return p;
    }

    /**
     * The settings that make one node of a KRaft cluster of {@code voters.size()} combined nodes out of the one-node
     * properties: its own node id, every node a voter (static, for the reason above), and every topic (ours, the
     * consumer offsets, the transaction log, the streams app's and the registry's) replicated to all nodes (at most 3)
     * with writes acknowledged by two, so that one node can die without losing an acknowledged record or stopping
     * the writers.
     *
     * @param voters node id → controller port, of every node
     */
    static Map<String, String> clusterNode(int nodeId, Map<Integer, Integer> voters) {
        Map<String, String> p = new TreeMap<>();
        p.put("node.id", Integer.toString(nodeId));
        StringBuilder quorum = new StringBuilder();
        new TreeMap<>(voters).forEach((id, port) -> quorum.append(quorum.length() == 0 ? "" : ",").append(id).append("@127.0.0.1:").append(port));
        p.put("controller.quorum.voters", quorum.toString());
        String replicas = Integer.toString(Math.min(3, voters.size()));
        String inSync = Integer.toString(Math.max(1, Math.min(3, voters.size()) - 1));
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", inSync);
        return p;
    }

    static void write(Path file, Map<String, String> properties) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // owner-only: in secure mode it holds the admin's password (the JAAS settings of the listeners)
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("# Written by dev.indicators.platform.kafka.EmbeddedKafka on every start.\n");
                for (Map.Entry<String, String> e : properties.entrySet()) {
                    out.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
