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

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
