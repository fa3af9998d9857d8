package dev.indicators.platform;

import dev.indicators.contract.Topics;
import dev.indicators.platform.access.AccessProvisioner;
import dev.indicators.platform.access.AccessRoles;
import dev.indicators.platform.access.StackCredentials;
import dev.indicators.platform.kafka.BrokerSecurity;
import dev.indicators.platform.kafka.EmbeddedKafka;
import dev.indicators.platform.kafka.KafkaCluster;
import dev.indicators.platform.kafka.KafkaOptions;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.platform.provision.TopicLayout;
import dev.indicators.platform.provision.TopicProvisioner;
import dev.indicators.platform.registry.EmbeddedRegistry;
import dev.indicators.platform.registry.RegistryAccess;
import dev.indicators.platform.registry.RegistryOptions;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Everything the pipeline needs around it, for real, on 127.0.0.1: a Kafka broker (KRaft), an Apicurio schema
 * registry, the topics and the registered schemas. Used by the demo and by integration tests
 * (see {@link dev.indicators.platform.junit.SharedIndicatorStack}).
 *
 * <pre>{@code
 * try (IndicatorStack stack = IndicatorStack.start(StackOptions.defaults())) {
 *     props.put("bootstrap.servers", stack.bootstrapServers());
 *     props.put("apicurio.registry.url", stack.registryUrl());
 * }
 * }</pre>
 */
public final class IndicatorStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndicatorStack.class);

    private final StackOptions options;
    private final Path dataDir;
    private final boolean temporary;
    private final KafkaCluster kafka;
    private final EmbeddedRegistry registry;
    private final Map<String, Integer> schemaIds;
    private final java.util.Optional<StackCredentials> credentials;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private IndicatorStack(StackOptions options, Path dataDir, boolean temporary, KafkaCluster kafka,
                           EmbeddedRegistry registry, Map<String, Integer> schemaIds, java.util.Optional<StackCredentials> credentials) {
        this.credentials = credentials;
        this.options = options;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.kafka = kafka;
        this.registry = registry;
        this.schemaIds = Map.copyOf(schemaIds);
        this.shutdownHook = dev.indicators.platform.process.OwnerFirst.hook("indicator-stack-stopper", closed::get,
                java.time.Duration.ofSeconds(20), this::stop);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static IndicatorStack start() {
        return start(StackOptions.defaults());
    }

    /** Starts the broker and the registry, creates the topics and registers the schemas. */
    public static IndicatorStack start(StackOptions options) {
        long started = System.nanoTime();
        boolean temporary = options.dataDir().isEmpty();
        Path dir = options.dataDir().map(Path::toAbsolutePath).orElseGet(IndicatorStack::temporaryDirectory);
        KafkaCluster kafka = null;
        EmbeddedRegistry registry = null;
        CompletableFuture<EmbeddedRegistry> inMemoryRegistry = null;
        try {
            java.util.Optional<StackCredentials> credentials = options.security().map(roles -> credentials(dir, temporary, roles));
            java.util.Optional<BrokerSecurity> brokerSecurity = credentials.map(c -> new BrokerSecurity(AccessRoles.ADMIN, c.password(AccessRoles.ADMIN)));
            RegistryOptions registryOptions = RegistryOptions.in(dir.resolve("registry")).withPort(options.registryPort());
            if (brokerSecurity.isPresent()) {
                registryOptions = registryOptions.withAccess(new RegistryAccess(AccessRoles.ADMIN,
                        brokerSecurity.get().adminPassword(), brokerSecurity.get().adminClient().properties()));
            }
            if (options.registryVersion().isPresent()) {
                registryOptions = registryOptions.withVersion(options.registryVersion().get());
            }
            if (!options.persistentRegistry() && options.brokers() == 1) {
                // An in-memory registry does not need Kafka: start both JVMs at once, which saves seconds.
                RegistryOptions startNow = registryOptions;
                inMemoryRegistry = CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(startNow),
                        task -> daemon("registry-starter", task).start());
            }
            KafkaOptions kafkaOptions = KafkaOptions.in(dir.resolve("kafka")).withPort(options.kafkaPort());
            kafka = KafkaCluster.start(brokerSecurity.map(kafkaOptions::withSecurity).orElse(kafkaOptions), options.brokers());
            // several brokers are for trying faults: the registry keeps its schemas in the (replicated) cluster, so
            // that it too survives a broker's death and its own restart
            registry = inMemoryRegistry != null
                    ? join(inMemoryRegistry)
                    : EmbeddedRegistry.start(registryOptions.withPersistentStorage(kafka.bootstrapServers()));

            new TopicProvisioner(kafka.bootstrapServers(), kafka.adminClient()).provision(TopicLayout.of(options.topics(), options.partitions()));
            if (credentials.isPresent()) {
                try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                        kafka.adminClient().clientProperties(kafka.bootstrapServers()))) {
                    AccessProvisioner.provision(admin, options.security().get(), credentials.get(), options.topics());
                }
            }
            Map<String, Integer> ids = new SchemaProvisioner(registry.confluentApiUrl(), registry.adminAuthorization()).provision(options.topics());

            IndicatorStack stack = new IndicatorStack(options, dir, temporary, kafka, registry, ids, credentials);
            log.info("Indicator stack up in {} ms: Kafka {} (KRaft, {} broker(s)) at {}; Apicurio Registry {} on Java {} ({}) at {}; "
                            + "topics {} with {} partitions; data in {}{}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), AppInfoParser.getVersion(),
                    options.brokers(), kafka.bootstrapServers(), registry.version(), registry.runtime().jdk().feature(),
                    registry.persistent() ? "persistent" : "in-memory", registry.baseUrl(),
                    options.topics().compactedByName().keySet().stream().sorted().toList(), options.partitions(),
                    dir, temporary ? " (temporary)" : "");
            credentials.ifPresent(c -> log.info("secure mode: SASL_PLAINTEXT with SCRAM-SHA-512, ACLs for users {}; registry writes by {} only",
                    c.users(), AccessRoles.ADMIN));
            return stack;
        } catch (RuntimeException | Error e) {
            if (registry == null && inMemoryRegistry != null) {
                registry = inMemoryRegistry.handle((r, failure) -> r).join();
            }
            closeQuietly(registry);
            closeQuietly(kafka);
            if (temporary) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    /**
     * The users' passwords in secure mode: a kept stack keeps them owner-only in {@link StackCredentials#FILE} of its data
     * directory, so a restart finds its users again. A data directory first used without {@code --secure} is refused:
     * its storage was formatted without the admin's credential.
     */
    private static StackCredentials credentials(Path dir, boolean temporary, AccessRoles roles) {
        Path file = dir.resolve(StackCredentials.FILE);
        if (!temporary && !Files.exists(file) && Files.exists(dir.resolve("kafka").resolve("data").resolve("meta.properties"))) {
            throw new IllegalStateException("data directory " + dir + " was created without --secure: its broker has no admin "
                    + "credential; start the secure stack on a new data directory");
        }
        StackCredentials credentials = StackCredentials.loadOrGenerate(file, roles.users());
        if (!temporary) {
            credentials.store(file);
        }
        return credentials;
    }

    /** Secure mode: the users and their passwords (a department's user is named like the department). */
    public java.util.Optional<StackCredentials> credentials() {
        return credentials;
    }

    /** The client settings of {@code user} in secure mode; none (plaintext) otherwise. */
    public dev.indicators.contract.access.KafkaClientSecurity clientSecurity(String user) {
        return credentials.map(c -> c.client(user)).orElse(dev.indicators.contract.access.KafkaClientSecurity.none());
    }

    public boolean secure() {
        return credentials.isPresent();
    }

    /** {@code 127.0.0.1:<port>} of every broker, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Apicurio's own API ({@code .../apis/registry/v3}): what {@code apicurio.registry.url} of the serdes wants. */
    public String registryUrl() {
        return registry.apicurioApiUrl();
    }

    /** The Confluent Schema Registry API ({@code .../apis/ccompat/v7}), for Confluent-based clients and tools. */
    public String confluentApiUrl() {
        return registry.confluentApiUrl();
    }

    public Topics topics() {
        return options.topics();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Whether {@link #dataDir()} is deleted on close. */
    public boolean temporary() {
        return temporary;
    }

    /** Subject ({@code <topic>-value}) → id of the schema registered at start-up. */
    public Map<String, Integer> schemaIds() {
        return schemaIds;
    }

    public StackOptions options() {
        return options;
    }

    /** The first (by default the only) broker. */
    public EmbeddedKafka kafka() {
        return kafka.first();
    }

    /** Every broker: one by default, several with {@link StackOptions#withBrokers}. */
    public java.util.List<EmbeddedKafka> brokers() {
        return kafka.brokers();
    }

    public EmbeddedRegistry registry() {
        return registry;
    }

    /**
     * If the broker or the registry has exited although nobody stopped it (out of memory, killed), what happened, in
     * sentences for a person; empty while both run. The demo watches this so that it never goes on serving without them.
     */
    public java.util.Optional<String> unexpectedExit() {
        if (closed.get()) return java.util.Optional.empty();
        return kafka.unexpectedExit().or(registry::unexpectedExit);
    }

    /** Stops the registry, then the broker; deletes a temporary data directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: stop() is idempotent
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(registry); // first: with kafkasql storage it is a Kafka client
        closeQuietly(kafka);
        if (temporary) {
            deleteRecursively(dataDir);
        }
        log.info("Indicator stack stopped{}", temporary ? "" : "; data kept in " + dataDir);
    }

    private static EmbeddedRegistry join(CompletableFuture<EmbeddedRegistry> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("indicator-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary data directory", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("could not stop {}: {}", closeable, e.toString());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "IndicatorStack[kafka=" + bootstrapServers() + ", registry=" + registry.baseUrl() + ", dataDir=" + dataDir + "]";
    }
}
