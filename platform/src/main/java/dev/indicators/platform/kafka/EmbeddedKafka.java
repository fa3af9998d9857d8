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
