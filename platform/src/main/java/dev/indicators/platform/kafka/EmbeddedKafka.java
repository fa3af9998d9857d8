package dev.indicators.platform.kafka;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.platform.process.ChildJvm;
import dev.indicators.platform.process.ChildService;
import dev.indicators.platform.process.FreePort;
import dev.indicators.platform.process.JvmClassPath;
import dev.indicators.platform.process.ParentWatch;
import dev.indicators.platform.process.ServingChild;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller, no ZooKeeper), as a child JVM bound to
 * 127.0.0.1. It runs the {@code kafka_2.13} classes of our own class path. Its data lives in
 * {@code <dataDir>/data}: a restart on the same directory keeps the cluster id, topics and records.
 */
public final class EmbeddedKafka extends ChildService {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaOptions options;
    private final int port;
    private final String clusterId;

    private EmbeddedKafka(KafkaOptions options, ChildJvm process, int port, String clusterId) {
        super(process);
        this.options = options;
        this.port = port;
        this.clusterId = clusterId;
    }

    /** Starts the broker and waits until it answers; throws with the tail of its log if it does not. */
    public static EmbeddedKafka start(KafkaOptions options) {
        requireBrokerClasses();
        Path dir = options.dataDir().toAbsolutePath();
        Path logDir = dir.resolve("data");
        String clusterId = existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
        long started = System.nanoTime();
        ServingChild.Spec spec = new ServingChild.Spec("Kafka broker", dir, dir.resolve("broker.pid"),
                options.port(), options.controllerPort(), options.startTimeout());
        return ServingChild.start(spec, new ServingChild.Launch<>() {
            @Override
            public ChildJvm start(ServingChild.Ports ports) {
                Path serverProperties = dir.resolve("server.properties");
                BrokerProperties.write(serverProperties, BrokerProperties.of(logDir, ports.main(), ports.second(), options.overrides(), options.security()));
                Path classPath = JvmClassPath.current().writeArgumentFile(dir.resolve("broker.classpath"));
                return ChildJvm.start("kafka broker", ChildJvm.currentJava(), jvmArgs(options, classPath),
                        List.of(serverProperties.toString(), clusterId),
                        options.security().map(sec -> Map.of(BrokerSecurity.SCRAM_BOOTSTRAP_ENV, sec.scramBootstrap())).orElse(Map.of()),
                        dir, dir.resolve("broker.log"), dir.resolve("broker.pid"));
            }

            @Override
            public EmbeddedKafka awaitReady(ChildJvm child, ServingChild.Ports ports, ServingChild.Readiness readiness) {
                readiness.await("on 127.0.0.1:" + ports.main(), () -> FreePort.accepts(ports.main(), Duration.ofMillis(200)), Duration.ofMillis(100));
                awaitCluster(ports.main(), options.security().map(BrokerSecurity::adminClient).orElse(KafkaClientSecurity.none()), readiness);
                log.info("Kafka broker ready on 127.0.0.1:{} in {} ms (cluster {}, pid {}, log {})", ports.main(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), clusterId, child.pid(), child.logFile());
                return new EmbeddedKafka(options, child, ports.main(), clusterId);
            }
        });
    }

    /**
     * Starts a KRaft cluster of {@code nodes} combined broker-and-controller JVMs, each in {@code <dataDir>/node-<id>}
     * with its own ports (kept across restarts like a single broker's), and waits until every node is in the cluster.
     * One node is {@link #start}: the single broker in {@code <dataDir>} as before. The nodes must start together,
     * since a controller quorum elects a leader only once a majority of its voters runs.
     */
    public static List<EmbeddedKafka> startCluster(KafkaOptions options, int nodes) {
        if (nodes < 1) throw new IllegalArgumentException("a Kafka cluster needs at least 1 broker, not " + nodes);
        if (nodes == 1) return List.of(start(options));
        if (options.security().isPresent()) {
            throw new IllegalArgumentException("secure mode runs on one broker; start it without --brokers " + nodes);
        }
        requireBrokerClasses();
        Path dir = options.dataDir().toAbsolutePath();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        Map<Integer, ServingChild.Ports> ports = new java.util.TreeMap<>();
        String clusterId = null;
        for (int id = 1; id <= nodes; id++) {
            Path nodeDir = dir.resolve("node-" + id);
            ChildJvm.stopSurvivor("Kafka broker " + id, nodeDir.resolve("broker.pid"));
            Properties remembered = ServingChild.readPorts(nodeDir);
            ports.put(id, new ServingChild.Ports(portFor(remembered.getProperty("port"), taken),
                    portFor(remembered.getProperty("second.port"), taken)));
            if (clusterId == null) clusterId = existingClusterId(nodeDir.resolve("data")).orElse(null);
        }
        String cluster = clusterId != null ? clusterId : Uuid.randomUuid().toString();
        Map<Integer, Integer> voters = new java.util.TreeMap<>();
        ports.forEach((id, p) -> voters.put(id, p.second()));
        long started = System.nanoTime();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (var node : ports.entrySet()) {
                int id = node.getKey();
                Path nodeDir = dir.resolve("node-" + id);
                Path serverProperties = nodeDir.resolve("server.properties");
                Map<String, String> overrides = new java.util.HashMap<>(BrokerProperties.clusterNode(id, voters));
                overrides.putAll(options.overrides());
                BrokerProperties.write(serverProperties, BrokerProperties.of(nodeDir.resolve("data"), node.getValue().main(),
                        node.getValue().second(), overrides));
                Path classPath = JvmClassPath.current().writeArgumentFile(nodeDir.resolve("broker.classpath"));
                children.add(ChildJvm.start("kafka broker " + id, ChildJvm.currentJava(), jvmArgs(options, classPath),
                        List.of(serverProperties.toString(), cluster), Map.of(), nodeDir, nodeDir.resolve("broker.log"),
                        nodeDir.resolve("broker.pid")));
            }
            String bootstrap = ports.values().stream().map(p -> FreePort.LOOPBACK + ":" + p.main())
                    .collect(java.util.stream.Collectors.joining(","));
            awaitNodes(bootstrap, nodes, children, options.startTimeout());
            List<EmbeddedKafka> brokers = new ArrayList<>();
            int i = 0;
            for (var node : ports.entrySet()) {
                Path nodeDir = dir.resolve("node-" + node.getKey());
                ServingChild.writePorts(nodeDir, node.getValue());
                brokers.add(new EmbeddedKafka(options.forNode(nodeDir), children.get(i++), node.getValue().main(), cluster));
            }
            log.info("Kafka cluster of {} brokers ready at {} in {} ms (cluster {}, replication factor {}, min.insync.replicas {})",
                    nodes, bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), cluster,
                    BrokerProperties.clusterNode(1, voters).get("default.replication.factor"),
                    BrokerProperties.clusterNode(1, voters).get("min.insync.replicas"));
            return List.copyOf(brokers);
        } catch (RuntimeException | Error e) {
            children.forEach(ChildJvm::close);
            throw e;
        }
    }

    /** The port of the last run while it is free, else a free one; never one another node of this cluster has. */
    private static int portFor(String remembered, java.util.Set<Integer> taken) {
        if (remembered != null) {
            int port = Integer.parseInt(remembered.trim());
            if (!taken.contains(port) && FreePort.isFree(port)) {
                taken.add(port);
                return port;
            }
        }
        int port;
        do {
            port = FreePort.pick();
        } while (taken.contains(port));
        taken.add(port);
        return port;
    }

    /** Waits until the cluster lists {@code nodes} brokers; a node that exits first ends the wait with its log. */
    private static void awaitNodes(String bootstrap, int nodes, List<ChildJvm> children, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                for (ChildJvm child : children) {
                    if (!child.isAlive()) {
                        throw new IllegalStateException("a Kafka broker of the cluster exited with code " + child.exitCode().orElse(-1)
                                + " before the cluster was ready; last lines of " + child.logFile() + ":\n" + child.logTail(60));
                    }
                }
                try {
                    if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() >= nodes) return;
                } catch (ExecutionException | TimeoutException notYet) {
                    log.debug("Kafka cluster not ready yet: {}", notYet.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka cluster did not list " + nodes + " brokers within " + timeout.toSeconds()
                            + " s; last lines of " + children.get(0).logFile() + ":\n" + children.get(0).logTail(60));
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return FreePort.LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return options.dataDir();
    }

    /** The admin's client settings in secure mode; none otherwise. */
    public KafkaClientSecurity adminClient() {
        return options.security().map(BrokerSecurity::adminClient).orElse(KafkaClientSecurity.none());
    }

    @Override
    protected String description() {
        return "Kafka broker on 127.0.0.1:" + port;
    }

    private static List<String> jvmArgs(KafkaOptions options, Path classPathFile) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + options.maxHeap());
        args.add("-XX:+ExitOnOutOfMemoryError");
        args.add("-Djava.awt.headless=true");
        args.add("-D" + ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid());
        // Kafka logs through SLF4J: with slf4j-simple on the class path (tests, the app) this is what the log shows.
        args.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        args.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        args.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        // a test's simplelogger.properties may quieten Kafka's clients; the broker's own log should stay complete
        args.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info");
        args.add("-Dorg.slf4j.simpleLogger.log.kafka=info");
        args.add("@" + classPathFile);
        args.add(KraftBrokerMain.class.getName());
        return args;
    }

    /** The port accepts connections before the broker has joined its own quorum: ask for the cluster's nodes. */
    private static void awaitCluster(int port, KafkaClientSecurity security, ServingChild.Readiness readiness) {
        Map<String, Object> config = security.clientProperties(FreePort.LOOPBACK + ":" + port);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            readiness.await("describeCluster", () -> hasNodes(admin), Duration.ofMillis(200));
        }
    }

    private static boolean hasNodes(Admin admin) {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            return !nodes.isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Kafka broker not ready yet: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(meta)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + meta, e);
        }
        return Optional.ofNullable(props.getProperty("cluster.id"));
    }

    private static void requireBrokerClasses() {
        try {
            Class.forName("kafka.Kafka", false, EmbeddedKafka.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Kafka broker (org.apache.kafka:kafka_2.13) is not on the class path; "
                    + "the platform module depends on it, so check how this JVM was started", e);
        }
    }
}
