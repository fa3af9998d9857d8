package dev.indicators.platform.provision;

import dev.indicators.contract.Topics;
import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.contract.config.TopicCreation;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the pipeline's topics when they are missing: the three inputs and the dead-letter topic (time retention),
 * and the compacted totals topic (latest value per {@code regionCode|indicator|period}). Existing topics are left as
 * they are, so running it again, or from several instances at once, is harmless.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final String bootstrapServers;
    private final KafkaClientSecurity security;

    public TopicProvisioner(String bootstrapServers) {
        this(bootstrapServers, KafkaClientSecurity.none());
    }

    public TopicProvisioner(String bootstrapServers, KafkaClientSecurity security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** Creates what is missing; returns the names it created. */
    public List<String> provision(TopicLayout layout) {
        return provision(newTopics(layout));
    }

    private List<String> provision(Map<String, NewTopic> wanted) {
        try (Admin admin = Admin.create(security.clientProperties(bootstrapServers))) {
            warnAboutDifferentPartitions(admin, wanted);
            List<String> created = TopicCreation.createMissing(admin, wanted.values(), bootstrapServers);
            if (!created.isEmpty()) {
                log.info("created topics {}", created);
            }
            return created;
        }
    }

    static Map<String, NewTopic> newTopics(TopicLayout layout) {
        Topics topics = layout.topics();
        Map<String, String> timeRetained = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(layout.retentionMs()));
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, NewTopic> result = new LinkedHashMap<>();
        for (String input : topics.inputs()) {
            result.put(input, topic(input, layout.partitions(), timeRetained));
        }
        result.put(topics.deadLetter(), topic(topics.deadLetter(), layout.partitions(), timeRetained));
        result.put(topics.totals(), topic(topics.totals(), layout.totalsPartitions(), compacted));
        return result;
    }

    private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
        // Replication: the broker's default.replication.factor (1 on the embedded broker, more on a real cluster).
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }

    private void warnAboutDifferentPartitions(Admin admin, Map<String, NewTopic> wanted) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = wanted.keySet().stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return;
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
            descriptions.forEach((name, description) -> {
                int want = wanted.get(name).numPartitions();
                if (description.partitions().size() != want) {
                    log.warn("topic {} exists with {} partitions, not {}; left as it is", name, description.partitions().size(), want);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list topics at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
