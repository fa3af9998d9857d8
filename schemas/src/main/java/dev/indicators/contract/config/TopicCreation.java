package dev.indicators.contract.config;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics that are missing and leaves existing ones as they are, so that running it again, or from several
 * instances at once, is harmless: the one place topics are created, for the platform's provisioner (inputs, dead
 * letters, totals) and for {@code serve} (the alerts topic), which does not ship the platform module. Needs
 * kafka-clients, which every module creating topics declares (an optional dependency of this module).
 */
public final class TopicCreation {

    private static final long PATIENCE_S = 30;

    private TopicCreation() {
    }

    /** Creates what is missing of {@code wanted}; returns the names it created. */
    public static List<String> createMissing(KafkaConnection connection, Collection<NewTopic> wanted) {
        try (Admin admin = Admin.create(connection.applyTo(new java.util.HashMap<String, Object>()))) {
            return createMissing(admin, wanted, connection.bootstrapServers());
        }
    }

    /** The same with an admin client the caller holds; {@code where} names the cluster in errors. */
    public static List<String> createMissing(Admin admin, Collection<NewTopic> wanted, String where) {
        try {
            Set<String> existing = admin.listTopics().names().get(PATIENCE_S, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(PATIENCE_S, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    // another instance created it meanwhile: as good as created by us
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey() + " at " + where + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics at " + where, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list topics at " + where + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create topics at " + where + ": Kafka did not answer in " + PATIENCE_S + " s", e);
        }
    }
}
