package dev.indicators.platform.registry;

import dev.indicators.platform.process.ChildJvm;
import dev.indicators.platform.process.FreePort;
import dev.indicators.platform.process.ParentWatch;
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
public final class EmbeddedRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRegistry.class);
    private static final int PORT_ATTEMPTS = 3;

    private final RegistryRuntime runtime;
    private final RegistryOptions options;
    private final ChildJvm process;
    private final int port;
    private final int managementPort;

    private EmbeddedRegistry(RegistryRuntime runtime, RegistryOptions options, ChildJvm process, int port, int managementPort) {
        this.runtime = runtime;
        this.options = options;
        this.process = process;
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
        boolean portsPicked = options.port() == 0 || (distribution.isV3() && options.managementPort() == 0);
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int port = FreePort.orPick(options.port());
            int managementPort = distribution.isV3() ? pickManagementPort(options, port) : -1;
            ChildJvm child = ChildJvm.start("schema registry", runtime.jdk().java(),
                    jvmArgs(distribution, options, dir, launch, port, managementPort), List.of(),
                    environment(distribution, options, dir), dir, dir.resolve("registry.log"), dir.resolve("registry.pid"));
            EmbeddedRegistry registry = new EmbeddedRegistry(runtime, options, child, port, managementPort);
            try {
                registry.awaitReady(options.startTimeout());
                log.info("Apicurio Registry {} ready at {} in {} ms (pid {}, log {})", distribution.version(),
                        registry.baseUrl(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), child.pid(), child.logFile());
                return registry;
            } catch (PortTaken e) {
                child.close();
                if (!portsPicked || attempt >= PORT_ATTEMPTS) {
                    throw new IllegalStateException("schema registry could not bind its ports (" + port + ", " + managementPort
                            + "); last lines of " + child.logFile() + ":\n" + child.logTail(40));
                }
                log.info("a port picked for the schema registry was taken meanwhile, retrying with other ports");
            } catch (RuntimeException e) {
                child.close();
                throw e;
            }
        }
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

    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
        log.info("Apicurio Registry at {} stopped", baseUrl());
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

    private static int pickManagementPort(RegistryOptions options, int port) {
        if (options.managementPort() > 0) {
            return options.managementPort();
        }
        return FreePort.pickOtherThan(port);
    }

    /** Both the Confluent API and the readiness check must answer 200: the latter includes storage (kafkasql replay). */
    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> urls = List.of(confluentApiUrl() + "/subjects", healthUrl(), apicurioApiUrl() + "/system/info");
        int ready = 0;
        while (ready < urls.size()) {
            if (!process.isAlive()) {
                String tail = process.logTail(60);
                if (tail.contains("already bound") || tail.contains("Address already in use")) {
                    throw new PortTaken();
                }
                throw new IllegalStateException("schema registry exited with code " + process.exitCode().orElse(-1)
                        + " before it was ready; last lines of " + process.logFile() + ":\n" + tail);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("schema registry did not answer " + urls.get(ready) + " within "
                        + timeout.toSeconds() + " s; last lines of " + process.logFile() + ":\n" + process.logTail(60));
            }
            if (answers(http, urls.get(ready))) {
                ready++;
            } else {
                sleep(200);
            }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }

    /** The registry lost a race for a port we picked. */
    private static final class PortTaken extends RuntimeException {
        PortTaken() {
            super(null, null, false, false);
        }
    }
}
