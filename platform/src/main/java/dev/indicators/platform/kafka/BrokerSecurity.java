package dev.indicators.platform.kafka;

import dev.indicators.contract.access.KafkaClientSecurity;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The broker's {@code --secure} mode: SASL on both listeners, the standard KRaft authorizer, deny by default.
 * <ul>
 *   <li>client listener ({@code CLIENT}, the advertised one, also used by the broker to reach itself, e.g. for
 *       transaction markers): SASL_PLAINTEXT with SCRAM-SHA-512, users and ACLs live in the metadata log;</li>
 *   <li>controller listener: SASL_PLAINTEXT with PLAIN and one static user, the admin, because SCRAM credentials are
 *       themselves metadata and cannot authenticate the controller quorum (KIP-900);</li>
 *   <li>{@code super.users=User:admin}; everyone else needs an ACL ({@code allow.everyone.if.no.acl.found=false}).</li>
 * </ul>
 * The admin's SCRAM credential is written into the storage when it is formatted, so the broker can authenticate to
 * itself before any user was created. {@link #toString()} never shows the password.
 */
public record BrokerSecurity(String adminUser, String adminPassword) {

    /** Environment variable through which the broker child receives its {@code --add-scram} argument (not its command line). */
    static final String SCRAM_BOOTSTRAP_ENV = "INDICATORS_BROKER_SCRAM_BOOTSTRAP";

    public BrokerSecurity {
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
    }

    /** The admin's client settings (topics, users, ACLs, readiness). */
    public KafkaClientSecurity adminClient() {
        return KafkaClientSecurity.scram(adminUser, adminPassword);
    }

    String scramBootstrap() {
        return "SCRAM-SHA-512=[name=" + adminUser + ",password=" + adminPassword + "]";
    }

    Map<String, String> serverProperties(int port, int controllerPort) {
        Map<String, String> p = new TreeMap<>();
        p.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "CLIENT");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + adminUser
                        + "\" password=\"" + adminPassword + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + adminUser
                        + "\" password=\"" + adminPassword + "\" user_" + adminUser + "=\"" + adminPassword + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + adminUser);
        p.put("allow.everyone.if.no.acl.found", "false");
        // a topic only appears when the admin provisions it: a client's metadata request never creates one
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    @Override
    public String toString() {
        return "BrokerSecurity[admin " + adminUser + "]";
    }
}
