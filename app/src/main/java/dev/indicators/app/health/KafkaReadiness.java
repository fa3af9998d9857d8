package dev.indicators.app.health;

import dev.indicators.contract.access.KafkaClientSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The broker answers a cluster description within two seconds. */
public final class KafkaReadiness implements ReadinessCheck, AutoCloseable {

    private final Admin admin;
    private final String bootstrap;

    public KafkaReadiness(String bootstrapServers) {
        this(bootstrapServers, KafkaClientSecurity.none());
    }

    public KafkaReadiness(String bootstrapServers, KafkaClientSecurity security) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "indicators-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        security.applyTo(p);
        this.admin = Admin.create(p);
        this.bootstrap = bootstrapServers;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Status check() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(2, TimeUnit.SECONDS).size();
            return Status.ready(nodes + " broker(s) at " + bootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.notReady("interrupted");
        } catch (Exception e) {
            return Status.notReady("broker at " + bootstrap + " does not answer: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
