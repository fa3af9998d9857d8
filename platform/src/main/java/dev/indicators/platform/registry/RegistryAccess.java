package dev.indicators.platform.registry;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Write protection of the registry in secure mode (Apicurio 3.x): HTTP basic authentication against one embedded
 * user, the admin, with the {@code sr-admin} role; role-based authorization on, so every write (register a schema,
 * change a rule or a setting, delete) needs the admin; reads stay anonymous, because every consumer's deserializer
 * looks schemas up by id and the schemas are not secret. Producers run with auto-registration off.
 *
 * <p>Apicurio 3.x's own authentication otherwise needs an OIDC server; Quarkus's embedded users (compiled into the
 * distribution: {@code quarkus.security.users.embedded.enabled=true}) give basic authentication without one.
 * The settings go to {@code config/application.properties} in the registry's working directory (owner-only), never
 * to its command line, which the log records.
 *
 * @param adminUser       the one user allowed to write
 * @param adminPassword   its password
 * @param kafkaSqlClient  Kafka client properties of the kafkasql storage (the admin's SASL settings), if persistent
 */
public record RegistryAccess(String adminUser, String adminPassword, Map<String, String> kafkaSqlClient) {

    public RegistryAccess {
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        kafkaSqlClient = Map.copyOf(kafkaSqlClient);
    }

    Map<String, String> quarkusProperties(boolean persistent) {
        Map<String, String> p = new TreeMap<>();
        p.put("quarkus.http.auth.basic", "true");
        p.put("quarkus.security.users.embedded.plain-text", "true");
        p.put("quarkus.security.users.embedded.users." + adminUser, adminPassword);
        p.put("quarkus.security.users.embedded.roles." + adminUser, "sr-admin");
        p.put("apicurio.auth.role-based-authorization", "true");
        p.put("apicurio.auth.anonymous-read-access.enabled", "true");
        if (persistent) {
            // kafkasql's clients take these prefixes as raw Kafka client properties
            for (String client : new String[] {"producer", "consumer", "admin"}) {
                kafkaSqlClient.forEach((k, v) -> p.put("apicurio.kafkasql." + client + "." + k, v));
            }
        }
        return p;
    }

    /** The {@code Authorization} header value of the admin. */
    public String basicAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (adminUser + ":" + adminPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryAccess[admin " + adminUser + "]";
    }
}
