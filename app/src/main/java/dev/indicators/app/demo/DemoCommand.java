package dev.indicators.app.demo;

import dev.indicators.app.PipelineServer;
import dev.indicators.app.logging.JulBridge;
import dev.indicators.contract.Settings;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.StackOptions;
import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublishResult;
import dev.indicators.producer.publish.PublisherSettings;
import dev.indicators.producer.sample.PublishedFiguresSample;
import dev.indicators.app.ServerConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.indicators.contract.config.SettingCatalogue;
import dev.indicators.streams.app.StreamsSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code indicators demo}: the whole pipeline on one machine, on real parts: a Kafka broker (KRaft) and an Apicurio
 * registry as child processes, the streams app and the HTTP server in this process, sample data from the
 * published figures. Ctrl-C or SIGTERM stops everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the whole pipeline on 127.0.0.1 with sample data, and runs until Ctrl-C or SIGTERM.",
                "Starts a Kafka broker (KRaft), a schema registry, the streams app and the HTTP server, loads sample events "
                        + "built from published figures, says when their totals can be queried, and prints the URLs."})
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--no-sample-data", description = "Start empty: do not load the sample events")
    boolean noSampleData;

    @Option(names = "--data-dir", description = "Keep broker, registry and streams state here between runs (default: a temporary directory removed on exit)")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of each topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--instances", defaultValue = "1",
            description = "How many pipeline instances to run: 1 runs it in this process; more start that many `serve` processes "
                    + "(the production command) with one application id, HTTP on --http-port, --http-port + 1, ... (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--brokers", defaultValue = "1",
            description = "Kafka brokers: 1 (default, quickest); 3 starts a KRaft cluster of three whose topics (the pipeline's, "
                    + "the streams app's, the registry's, offsets and transactions) have replication factor 3 and min.insync.replicas 2, "
                    + "and keeps the registry's schemas in it, so that a broker can be killed under the pipeline.")
    int brokers;

    @Option(names = "--secure", description = "Secure mode: SASL/SCRAM users and ACLs on Kafka, a write-protected registry, "
            + "bearer tokens on ingest; the generated credentials go to credentials.json in the data directory (owner-only)")
    boolean secure;

    @Option(names = "--exit-after-start", hidden = true, description = "Stop right after start-up and sample loading (for tests)")
    boolean exitAfterStart;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String baseUrl;

    @Override
    public Integer call() throws Exception {
        JulBridge.install();
        Settings settings = Settings.system();
        StackOptions stackOptions = StackOptions.fromSettings(settings).withPartitions(partitions).withBrokers(brokers);
        if (dataDir != null) stackOptions = stackOptions.withDataDir(dataDir.toAbsolutePath());
        PublishedFiguresSample sample = noSampleData && !secure ? null : PublishedFiguresSample.load();
        Map<String, DemoCredentials.Scope> departments = secure ? DemoCredentials.departments(sample.events()) : Map.of();
        if (secure) {
            stackOptions = stackOptions.withSecurity(DemoCredentials.roles(departments, StreamsSettings.fromSettings(settings).applicationId()));
        }

        long t0 = System.nanoTime();
        System.out.println("indicators demo: starting Kafka (KRaft) and the schema registry on 127.0.0.1 ...");
        // SIGTERM and Ctrl-C run shutdown hooks: ask the main thread to stop and wait until it has closed everything.
        Thread hook = new Thread(() -> {
            requestStop();
            awaitStopped();
        }, "indicators-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (IndicatorStack stack = IndicatorStack.start(stackOptions)) {
            DemoCredentials credentials = secure ? DemoCredentials.write(stack, departments) : null;
            Settings run = secure ? settings.with(credentials.pipelineSettings()) : settings;
            // all state under the stack's data directory: kept with --data-dir, removed with the temporary one
            if (instances > 1) return runInstances(stack, settings, t0);
            Path stateDir = stack.dataDir().resolve("streams");
            // the same process serve runs, pointed at the embedded stack
            ServerConfiguration config = ServerConfiguration.of(run, stackSettings(stack, stateDir, httpPort));
            System.out.println("indicators demo: starting the streams app and the HTTP server ...");
            try (PipelineServer server = PipelineServer.start(config)) {
                if (!server.streams().awaitRunning(Duration.ofSeconds(120))) {
                    System.err.println("indicators demo: the streams app did not reach RUNNING (state " + server.streams().state() + ")");
                    return 1;
                }
                if (!noSampleData && !loadSample(server, stack, sample, credentials, run)) {
                    System.out.println("indicators demo: stopping before the sample was counted ...");
                    return 0;
                }
                printUrls(server, stack, (System.nanoTime() - t0) / 1_000_000_000.0);
                if (credentials != null) printCredentials(server, credentials);
                baseUrl = server.baseUrl();
                if (!exitAfterStart) {
                    // a broker or registry that dies (out of memory, killed) stops the demo cleanly, saying why, rather
                    // than leaving a dashboard up whose totals can no longer move
                    while (!stopRequested.await(1, TimeUnit.SECONDS)) {
                        Optional<String> gone = stack.unexpectedExit();
                        if (gone.isPresent()) {
                            System.err.println("indicators demo: " + gone.get());
                            System.err.println("indicators demo: stopping everything; start the demo again to go on"
                                    + (stack.temporary() ? "" : " (with --data-dir " + stack.dataDir() + " it keeps its data and ports)"));
                            return 1;
                        }
                    }
                }
                System.out.println("indicators demo: stopping ...");
            }
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it waits on 'stopped', counted down above
            }
        }
    }

    /** Several {@code serve} processes on the stack; the sample is published from here and answered by every instance. */
    private int runInstances(IndicatorStack stack, Settings settings, long t0) throws Exception {
        System.out.println("indicators demo: starting " + instances + " serve instances as separate processes ...");
        Map<String, String> shared = new HashMap<>();
        shared.put(SettingCatalogue.APPLICATION_ID.name(), settings.value(SettingCatalogue.APPLICATION_ID));
        shared.put(SettingCatalogue.STREAMS_THREADS.name(), "1");
        try (ServeInstances serve = ServeInstances.start(stack, instances, httpPort, shared)) {
            Path stackFile = serve.writeStackFile(stack);
            System.out.println("indicators demo: processes listed in " + stackFile);
            serve.awaitListening(Duration.ofMinutes(3), () -> stopRequested.getCount() == 0);
            if (!noSampleData) {
                PublishedFiguresSample sample = PublishedFiguresSample.load();
                System.out.printf("indicators demo: loading %,d sample events ...%n", sample.events().size());
                PublisherSettings ps = PublisherSettings.fromSettings(settings.with(stackSettings(stack, stack.dataDir(), httpPort)));
                try (IndicatorPublisher publisher = IndicatorPublisher.create(ps, new SimpleMeterRegistry())) {
                    List<CompletableFuture<PublishResult>> sends = new ArrayList<>();
                    for (SpecificRecord e : sample.events()) sends.add(publisher.publish(e));
                    publisher.flush();
                    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                }
                System.out.println("indicators demo: waiting until every instance answers the sample totals ...");
                serve.awaitTotals(sample.expected(), Duration.ofMinutes(10), () -> stopRequested.getCount() == 0);
                System.out.println("indicators demo: sample totals ready");
            }
            System.out.printf("%nindicator-pipeline is running on %d instances (started in %.1f s)%n%n", instances,
                    (System.nanoTime() - t0) / 1_000_000_000.0);
            for (ServeInstances.Instance i : serve.instances()) {
                System.out.printf("  %-8s %s/   (pid %d, log %s)%n", i.id(), i.url(), i.process().pid(), i.process().logFile());
            }
            System.out.printf("%n  Kafka     %s%n  Registry  %s%n  Processes %s%n%nAny instance answers any query. Ctrl-C stops everything.%n",
                    stack.bootstrapServers(), stack.registryUrl(), stackFile);
            System.out.flush();
            baseUrl = serve.instances().get(0).url();
            if (!exitAfterStart) stopRequested.await();
            System.out.println("indicators demo: stopping ...");
        } catch (java.util.concurrent.CancellationException stopping) {
            System.out.println("indicators demo: stopping ...");
        }
        return 0;
    }

    /** The settings that point a pipeline process at the embedded stack (its addresses, topics and data directory). */
    public static Map<String, String> stackSettings(IndicatorStack stack, Path stateDir, int httpPort) {
        Map<String, String> m = new HashMap<>();
        m.put(SettingCatalogue.BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        m.put(SettingCatalogue.REGISTRY_URL.name(), stack.registryUrl());
        m.put(SettingCatalogue.STATE_DIR.name(), stateDir.toString());
        m.put(SettingCatalogue.HTTP_PORT.name(), Integer.toString(httpPort));
        m.putAll(stack.topics().asSettings()); // every type's input topic, the dead letters and the totals
        return m;
    }

    /** What SIGTERM does: stop the HTTP server, the streams app, the registry and the broker, in that order. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** The HTTP base URL once the demo is up and the sample loaded; null before. */
    public String baseUrl() {
        return baseUrl;
    }

    private void awaitStopped() {
        try {
            stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes the sample and waits until its totals can be queried; false if a stop was requested meanwhile. */
    private boolean loadSample(PipelineServer server, IndicatorStack stack, PublishedFiguresSample sample,
                               DemoCredentials credentials, Settings run) throws Exception {
        List<SpecificRecord> events = sample.events();
        System.out.printf("indicators demo: loading %,d sample events built from the published figures of Qingpu 2017 and Yangquan 2019 ...%n", events.size());
        List<CompletableFuture<PublishResult>> sends = new ArrayList<>(events.size());
        if (credentials == null) {
            for (SpecificRecord e : events) sends.add(server.publisher().publish(e));
            server.publisher().flush();
        } else {
            // secure: each department publishes its own events as its own Kafka user, so published-by matches
            Map<String, List<SpecificRecord>> byDepartment = new java.util.TreeMap<>();
            for (SpecificRecord e : events) {
                byDepartment.computeIfAbsent(String.valueOf(e.get(e.getSchema().getField("department").pos())), d -> new ArrayList<>()).add(e);
            }
            for (Map.Entry<String, List<SpecificRecord>> d : byDepartment.entrySet()) {
                PublisherSettings ps = PublisherSettings.fromSettings(run.with(Map.of(KafkaClientSecurity.SETTING, credentials.clientConfig(d.getKey()).toString())))
                        .withBootstrapServers(stack.bootstrapServers()).withRegistryUrl(stack.registryUrl()).withClientId("demo-" + d.getKey());
                try (IndicatorPublisher publisher = IndicatorPublisher.create(ps, server.publisher().rules(), null)) {
                    for (SpecificRecord e : d.getValue()) sends.add(publisher.publish(e));
                    publisher.flush();
                }
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        System.out.printf("indicators demo: %,d events published; waiting until the streams app has counted them ...%n", events.size());
        List<PublishResult> published = sends.stream().map(CompletableFuture::join).toList();
        try {
            new SampleTotalsWait(server.streams(), stack.bootstrapServers(), Duration.ofMinutes(10), () -> stopRequested.getCount() == 0)
                    .withSecurity(run.kafkaClientProperties())
                    .await(published, sample.expected());
        } catch (java.util.concurrent.CancellationException stopping) {
            return false;
        }
        System.out.println("indicators demo: sample totals ready");
        return true;
    }

    private static void printCredentials(PipelineServer server, DemoCredentials credentials) {
        DemoCredentials.HttpToken qingpu = credentials.tokens().stream().filter(t -> t.regions().contains("310118")).findFirst()
                .orElse(credentials.tokens().get(0));
        System.out.printf("""
                Secure mode: Kafka users (SCRAM-SHA-512), ACLs, registry writes by the admin only, bearer tokens on ingest.
                  Credentials     %s  (owner-only: Kafka users and passwords, client properties files, HTTP tokens)
                  Publish         curl -X POST %s/api/v1/events -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{...}'
                                  with $TOKEN the token of '%s' in that file (regions %s, event types %s)

                """, credentials.file(), server.baseUrl(), qingpu.id(), qingpu.regions(), qingpu.eventTypes());
        System.out.flush();
    }

    private static void printUrls(PipelineServer server, IndicatorStack stack, double seconds) {
        String base = server.baseUrl();
        System.out.printf("""

                indicator-pipeline is running (started in %.1f s)

                  Web dashboard   %s/
                  One total       %s/api/v1/totals?region=310118&indicator=reconsideration.accepted&period=year:2017
                  A region        %s/api/v1/regions/310118/totals?period=year:2017
                  A series        %s/api/v1/regions/310118/series?indicator=mediation.received&from=2017-01&to=2017-12&granularity=month
                  Region tree     %s/api/v1/regions
                  Ingest          POST %s/api/v1/events
                  Metrics         %s/metrics
                  Health          %s/health/ready

                  Kafka           %s
                  Registry        %s  (Confluent API: %s)
                  Data            %s%s

                Ctrl-C stops everything.
                """, seconds, base, base, base, base, base, base, base, base,
                stack.bootstrapServers(), stack.registryUrl(), stack.confluentApiUrl(), stack.dataDir(),
                stack.temporary() ? " (temporary)" : "");
        System.out.flush();
    }

}
