package dev.indicators.platform.registry;

import dev.indicators.platform.process.ChildJvm;
import dev.indicators.platform.process.ChildService;
import dev.indicators.platform.process.FreePort;
import dev.indicators.platform.process.ParentWatch;
import dev.indicators.platform.process.ServingChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Apicurio Registry server as a child JVM on 127.0.0.1. It speaks Apicurio's own API (what the Kafka serdes use)
 * and the Confluent Schema Registry API under {@code /apis/ccompat/v7}. Version 3.x runs on a JDK 21+ found on the
 * machine, else 2.x on this JVM: see {@link RegistryRuntime}.
 */
public final class EmbeddedRegistry extends ChildService {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRegistry.class);

    private final RegistryRuntime runtime;
    private final RegistryOptions options;
    private final int port;
    private final int managementPort;

    private EmbeddedRegistry(RegistryRuntime runtime, RegistryOptions options, ChildJvm process, int port, int managementPort) {
        super(process);
        this.runtime = runtime;
        this.options = options;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the registry and waits until its APIs answer; throws with the tail of its log if they do not. */
    public static EmbeddedRegistry start(RegistryOptions options) {
        RegistryRuntime runtime = RegistryRuntime.choose(options.version());
        RegistryDistribution distribution = runtime.distribution();
        RegistryDistribution.LaunchManifest launch = distribution.launchManifest();
        log.info("Schema registry: Apicurio Registry {} on Java {} ({}), {} storage", distribution.version(),
                runtime.jdk().feature(), runtime.reason(), describeStorage(distribution, options));
        Path dir = options.dataDir().toAbsolutePath();
        writeAccessConfig(distribution, options, dir);
        long started = System.nanoTime();
        ServingChild.Spec spec = new ServingChild.Spec("schema registry", dir, dir.resolve("registry.pid"), options.port(),
                distribution.isV3() ? options.managementPort() : ServingChild.NO_SECOND_PORT, options.startTimeout());
        return ServingChild.start(spec, new ServingChild.Launch<>() {
            @Override
            public ChildJvm start(ServingChild.Ports ports) {
                return ChildJvm.start("schema registry", runtime.jdk().java(),
                        jvmArgs(distribution, options, dir, launch, ports.main(), ports.second()), List.of(),
                        environment(distribution, options, dir), dir, dir.resolve("registry.log"), dir.resolve("registry.pid"));
            }

            @Override
            public EmbeddedRegistry awaitReady(ChildJvm child, ServingChild.Ports ports, ServingChild.Readiness readiness) {
                EmbeddedRegistry registry = new EmbeddedRegistry(runtime, options, child, ports.main(), ports.second());
                registry.awaitAnswers(readiness);
                log.info("Apicurio Registry {} ready at {} in {} ms (pid {}, log {})", distribution.version(),
                        registry.baseUrl(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), child.pid(), child.logFile());
                return registry;
            }
        });
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://" + FreePort.LOOPBACK + ":" + port;
    }

    /** The Confluent Schema Registry API: {@code .../apis/ccompat/v7}. */
    public String confluentApiUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** Apicurio's own API, what {@code apicurio-registry-*-serde} clients are given: {@code .../apis/registry/v3} (or v2). */
    public String apicurioApiUrl() {
        return baseUrl() + (runtime.distribution().isV3() ? "/apis/registry/v3" : "/apis/registry/v2");
    }

    /** Readiness (200 when up): on the management port for 3.x. */
    public String healthUrl() {
        return runtime.distribution().isV3()
                ? "http://" + FreePort.LOOPBACK + ":" + managementPort + "/health/ready"
                : baseUrl() + "/health/ready";
    }

    public String version() {
        return runtime.distribution().version();
    }

    public RegistryRuntime runtime() {
        return runtime;
    }

    public int port() {
        return port;
    }

    /** The 3.x management port (health, metrics); -1 for 2.x. */
    public int managementPort() {
        return managementPort;
    }

    public boolean persistent() {
        return options.persistent();
    }

    @Override
    protected String description() {
        return "Apicurio Registry at " + baseUrl();
    }

    private static List<String> jvmArgs(RegistryDistribution distribution, RegistryOptions options, Path dir,
                                        RegistryDistribution.LaunchManifest launch, int port, int managementPort) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + options.maxHeap());
        args.add("-XX:+ExitOnOutOfMemoryError");
        // C1 only and the serial collector: start-up drops from about 8 s to 4.5 s on two cores, and a schema registry
        // serving a few lookups (clients cache them) never needs the optimizing compiler.
        args.add("-XX:TieredStopAtLevel=1");
        args.add("-XX:+UseSerialGC");
        args.add("-Djava.awt.headless=true");
        args.add("-Dquarkus.http.host=" + FreePort.LOOPBACK);
        args.add("-Dquarkus.http.port=" + port);
        if (distribution.isV3()) {
            args.add("-Dquarkus.management.host=" + FreePort.LOOPBACK);
            args.add("-Dquarkus.management.port=" + managementPort);
            args.add("-Dapicurio.storage.snapshot.location=" + dir);
            options.kafkaSqlBootstrap().ifPresent(bootstrap -> {
                args.add("-Dapicurio.storage.kind=kafkasql");
                args.add("-Dapicurio.kafkasql.bootstrap.servers=" + bootstrap);
                // Start-up polls the snapshots topic twice with this timeout (5 s by default) even when it is empty.
                args.add("-Dapicurio.kafkasql.consumer.poll.timeout=500");
            });
        }
        // Not "-jar": ParentWatch runs first (stops the registry if we are killed), then the jar's own main class.
        args.add("-D" + ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid());
        args.addAll(launch.jvmOptions());
        args.add("-cp");
        args.add(ParentWatch.location() + File.pathSeparator + launch.jar());
        args.add(ParentWatch.class.getName());
        args.add(launch.mainClass());
        return args;
    }

    /**
     * Secure mode writes {@code config/application.properties} (which Quarkus reads from the working directory) with
     * the admin user; otherwise removes one left by an earlier secure run on the same directory.
     */
    private static void writeAccessConfig(RegistryDistribution distribution, RegistryOptions options, Path dir) {
        Path file = dir.resolve("config").resolve("application.properties");
        try {
            if (options.access().isEmpty()) {
                java.nio.file.Files.deleteIfExists(file);
                return;
            }
            if (!distribution.isV3()) {
                throw new IllegalStateException("secure mode needs Apicurio Registry 3.x (basic authentication with embedded users); "
                        + distribution.version() + " was chosen: install a JDK 21+ or set REGISTRY_JAVA_HOME");
            }
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            java.util.Properties p = new java.util.Properties();
            p.putAll(options.access().get().quarkusProperties(options.persistent()));
            try (var out = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
                p.store(out, "secure mode of the embedded registry; written on every start");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not write " + file, e);
        }
    }

    /** The admin's {@code Authorization} header in secure mode. */
    public java.util.Optional<String> adminAuthorization() {
        return options.access().map(RegistryAccess::basicAuthorization);
    }

    /** 2.x reads its data source from the environment ({@code %prod} profile), so persistence goes there. */
    private static Map<String, String> environment(RegistryDistribution distribution, RegistryOptions options, Path dir) {
        if (distribution.isV3() || !options.persistent()) {
            return Map.of();
        }
        return Map.of("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("h2").resolve("registry"));
    }

    private static String describeStorage(RegistryDistribution distribution, RegistryOptions options) {
        if (!options.persistent()) {
            return "in-memory";
        }
        return distribution.isV3()
                ? "persistent (kafkasql at " + options.kafkaSqlBootstrap().get() + ")"
                : "persistent (H2 file under " + options.dataDir() + "; the 2.x distribution has no kafkasql)";
    }

    /** Both the Confluent API and the readiness check must answer 200: the latter includes storage (kafkasql replay). */
    private void awaitAnswers(ServingChild.Readiness readiness) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String url : List.of(confluentApiUrl() + "/subjects", healthUrl(), apicurioApiUrl() + "/system/info")) {
            readiness.await(url, () -> answers(http, url), Duration.ofMillis(200));
        }
    }

    private static boolean answers(HttpClient http, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }
}
