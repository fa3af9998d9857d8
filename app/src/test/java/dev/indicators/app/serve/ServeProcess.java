package dev.indicators.app.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code bin/indicators serve} of the unpacked distribution, as its own OS process. */
final class ServeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("instance (\\S+) listening on (http://\\S+)");

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final String instanceId;
    private final String baseUrl;

    private ServeProcess(Process process) throws Exception {
        this.process = process;
        CompletableFuture<Matcher> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) listening.complete(m);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            listening.complete(null);
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        Matcher m;
        try {
            m = listening.get(180, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            m = null;
        }
        if (m == null) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not say where it listens; its output:\n" + output());
        }
        this.instanceId = m.group(1);
        this.baseUrl = m.group(2);
    }

    static ServeProcess start(Path distribution, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/indicators").toString(), "serve"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("INDICATORS_"));
        pb.environment().putAll(env);
        return new ServeProcess(pb.start());
    }

    /**
     * The environment of one instance against {@code stack}: its topics, {@code applicationId} (instances sharing it
     * share the work), its own state directory, a free HTTP port, one stream thread and a small heap.
     */
    static Map<String, String> environment(dev.indicators.platform.IndicatorStack stack, String applicationId, Path stateDir) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("INDICATORS_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("INDICATORS_REGISTRY_URL", stack.registryUrl());
        env.putAll(stack.topics().asSettings()); // every event type's topic, the dead letters and the totals
        env.put("INDICATORS_APPLICATION_ID", applicationId);
        env.put("INDICATORS_STATE_DIR", stateDir.toString());
        env.put("INDICATORS_HTTP_PORT", "0");
        env.put("INDICATORS_STREAMS_THREADS", "1");
        env.put("INDICATORS_LAG_INTERVAL", "1s");
        env.put("INDICATORS_INGEST_KAFKA_TIMEOUT", "20s");
        env.put("INDICATORS_JAVA_OPTS", "-Xmx384m");
        return env;
    }

    String baseUrl() {
        return baseUrl;
    }

    String instanceId() {
        return instanceId;
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** SIGTERM, then waits for the process to end; true if it did. */
    boolean terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(90, TimeUnit.SECONDS);
    }

    /** SIGKILL (kill -9), as the kernel's out-of-memory killer or a pulled plug would; waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
