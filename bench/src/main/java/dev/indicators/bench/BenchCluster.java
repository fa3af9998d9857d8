package dev.indicators.bench;

import dev.indicators.contract.Topics;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.StackOptions;
import dev.indicators.platform.provision.TopicLayout;
import dev.indicators.platform.provision.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the bench runs: the embedded stack (a broker and a registry started for this run, default topic names), or
 * an existing cluster, where it creates topics of its own named {@code <runId>.<type>} (so the raw read-back and the
 * streams app see only this run's events) and deletes them, and the streams app's internal topics, at the end.
 */
final class BenchCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private final Topics topics;
    private final IndicatorStack stack;
    private final String ownedPrefix;
    private final boolean keep;

    private BenchCluster(String bootstrapServers, String registryUrl, Topics topics, IndicatorStack stack, String ownedPrefix, boolean keep) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.topics = topics;
        this.stack = stack;
        this.ownedPrefix = ownedPrefix;
        this.keep = keep;
    }

    /** Starts the embedded stack; with {@code keepIn} its data stays there after the run. */
    static BenchCluster embedded(int partitions, Path keepIn) {
        StackOptions options = StackOptions.defaults().withTopics(Topics.defaults()).withPartitions(partitions);
        if (keepIn != null) options = options.withDataDir(keepIn);
        IndicatorStack stack = IndicatorStack.start(options);
        return new BenchCluster(stack.bootstrapServers(), stack.registryUrl(), stack.topics(), stack, null, keepIn != null);
    }

    /** Uses an existing cluster and creates this run's topics on it, named after {@code runId}. */
    static BenchCluster external(String bootstrapServers, String registryUrl, String runId, int partitions, boolean keep) {
        Topics topics = Topics.prefixed(runId);
        new TopicProvisioner(bootstrapServers).provision(TopicLayout.of(topics, partitions));
        return new BenchCluster(bootstrapServers, registryUrl, topics, null, runId, keep);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String registryUrl() {
        return registryUrl;
    }

    Topics topics() {
        return topics;
    }

    /** The broker's process, when this run started it (its CPU time is then measured); empty on an external cluster. */
    java.util.OptionalLong brokerPid() {
        return stack == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(stack.kafka().pid());
    }

    boolean embedded() {
        return stack != null;
    }

    String describe() {
        return embedded() ? "embedded (KRaft broker and Apicurio registry on this machine)" : "external " + bootstrapServers;
    }

    Admin admin() {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "indicators-bench-admin"));
        return Admin.create(CLIENT_SECURITY.applyTo(config));
    }

    /**
     * The client security settings of the cluster ({@code INDICATORS_KAFKA_CLIENT_CONFIG}, as every command reads it),
     * for the bench's own admin and consumers; its publisher and streams apps take them from their settings.
     */
    static final dev.indicators.contract.access.KafkaClientSecurity CLIENT_SECURITY =
            dev.indicators.contract.Settings.system().kafkaClientProperties();

    /**
     * Deletes what this run created on an external cluster: its topics and the streams app's internal topics (both
     * start with the run id), unless kept; stops the embedded stack.
     */
    @Override
    public void close() {
        if (stack != null) {
            stack.close();
            return;
        }
        if (keep || ownedPrefix == null) return;
        try (Admin admin = admin()) {
            List<String> owned = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(ownedPrefix)).toList();
            if (!owned.isEmpty()) admin.deleteTopics(owned).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bench: could not delete the bench topics (" + ownedPrefix + "*): " + e);
        }
    }
}
