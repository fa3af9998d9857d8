package dev.indicators.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.indicators.app.ServerLauncher;
import dev.indicators.contract.config.SettingCatalogue;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.process.ChildJvm;
import dev.indicators.platform.process.FreePort;
import dev.indicators.platform.process.JvmClassPath;
import dev.indicators.platform.process.ParentWatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The demo with several instances: {@code indicators serve}, the production command, as separate OS processes on the
 * embedded stack, one application id, each with its own state directory, HTTP on consecutive ports. They are child
 * JVMs of the demo (stopped with it; a demo killed with SIGKILL takes them along through {@link ParentWatch}, and
 * a restart on the same data directory stops a survivor by its pid file). {@code stack.json} in the data directory
 * lists every process (role, pid, ports, URLs, log).
 */
final class ServeInstances implements AutoCloseable {

    /** One started instance. */
    record Instance(String id, ChildJvm process, int port, String url) {
    }

    private final List<Instance> instances;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServeInstances(List<Instance> instances) {
        this.instances = instances;
    }

    static ServeInstances start(IndicatorStack stack, int count, int firstPort, Map<String, String> settings) {
        Path dir = stack.dataDir();
        Path classPath = JvmClassPath.current().writeArgumentFile(dir.resolve("serve.classpath"));
        Path java = ChildJvm.currentJava();
        List<Instance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "serve-" + (i + 1);
            int port = firstPort == 0 ? FreePort.pick() : firstPort + i;
            Path home = dir.resolve(id);
            Map<String, String> env = new HashMap<>(DemoCommand.stackSettings(stack, home.resolve("streams"), port));
            env.putAll(settings);
            env.put(SettingCatalogue.INSTANCE_ID.name(), id);
            env.put(SettingCatalogue.HTTP_PORT.name(), Integer.toString(port));
            List<String> jvm = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                    "-D" + ParentWatch.PARENT_PID + "=" + ProcessHandle.current().pid(), "@" + classPath, ParentWatch.class.getName());
            ChildJvm child = ChildJvm.start(id, java, jvm, List.of(ServerLauncher.class.getName(), "serve"), env,
                    home, home.resolve("serve.log"), home.resolve("serve.pid"));
            started.add(new Instance(id, child, port, "http://127.0.0.1:" + port));
        }
        return new ServeInstances(started);
    }

    List<Instance> instances() {
        return instances;
    }

    /** Waits until every instance answers {@code /health/live}; throws with an instance's log tail if it died. */
    void awaitListening(Duration timeout, BooleanSupplier stopRequested) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Instance i : instances) {
            while (status(i.url() + "/health/live") != 200) {
                if (!i.process().isAlive()) {
                    throw new IllegalStateException(i.id() + " exited; its log ends:\n" + i.process().logTail(30));
                }
                if (stopRequested.getAsBoolean()) throw new java.util.concurrent.CancellationException("stop requested");
                if (System.nanoTime() > deadline) throw new IllegalStateException(i.id() + " did not answer on " + i.url());
                Thread.sleep(200);
            }
        }
    }

    /** Waits until every instance answers every expected total ({@code region|indicator|period}) with its value. */
    void awaitTotals(Map<String, Long> expected, Duration timeout, BooleanSupplier stopRequested) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Instance i : instances) {
            Map<String, String> missing = new TreeMap<>();
            do {
                missing.clear();
                for (var e : expected.entrySet()) {
                    String[] k = e.getKey().split("\\|", 3);
                    String body = body(i.url() + "/api/v1/totals?region=" + enc(k[0]) + "&indicator=" + enc(k[1]) + "&period=" + enc(k[2]));
                    if (body == null || !body.contains("\"value\":" + e.getValue() + ".0")) missing.put(e.getKey(), body);
                }
                if (missing.isEmpty()) break;
                if (stopRequested.getAsBoolean()) throw new java.util.concurrent.CancellationException("stop requested");
                if (System.nanoTime() > deadline) throw new IllegalStateException(i.id() + " does not answer the sample totals yet: " + missing);
                Thread.sleep(500);
            } while (true);
        }
    }

    /** Writes {@code stack.json} (every process the demo started) into the data directory and returns its path. */
    Path writeStackFile(IndicatorStack stack) {
        Map<String, Object> file = new LinkedHashMap<>();
        List<Map<String, Object>> processes = new ArrayList<>();
        for (var broker : stack.brokers()) {
            processes.add(process("kafka-broker", broker.pid(), Map.of("kafka", broker.port()),
                    Map.of("bootstrap", stack.bootstrapServers()), broker.logFile()));
        }
        processes.add(process("schema-registry", stack.registry().pid(), Map.of("http", URI.create(stack.registryUrl()).getPort()),
                Map.of("apicurio", stack.registryUrl(), "confluent", stack.confluentApiUrl()), stack.registry().logFile()));
        for (Instance i : instances) {
            processes.add(process("serve " + i.id(), i.process().pid(), Map.of("http", i.port()),
                    Map.of("dashboard", i.url() + "/", "health", i.url() + "/health/ready", "metrics", i.url() + "/metrics"), i.process().logFile()));
        }
        file.put("demoPid", ProcessHandle.current().pid());
        file.put("dataDir", stack.dataDir().toString());
        file.put("processes", processes);
        Path target = stack.dataDir().resolve("stack.json");
        try {
            Files.writeString(target, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static Map<String, Object> process(String role, long pid, Map<String, Integer> ports, Map<String, String> urls, Path log) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("role", role);
        p.put("pid", pid);
        p.put("ports", ports);
        p.put("urls", urls);
        p.put("log", log.toString());
        return p;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String body(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** SIGTERM to every instance, then waits (SIGKILL after a grace period). */
    @Override
    public void close() {
        for (Instance i : instances) i.process().stop(Duration.ofSeconds(30));
    }
}
