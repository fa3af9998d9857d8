package dev.indicators.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.indicators.app.access.HttpAccess;
import dev.indicators.app.access.TokenFile;
import dev.indicators.contract.EventType;
import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.access.AccessRoles;
import dev.indicators.platform.access.Department;
import dev.indicators.platform.access.StackCredentials;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code demo --secure} hands out: the Kafka users of the stack with a client properties file each, HTTP bearer
 * tokens (one per sample department, scoped to its regions and event types; a reader; an admin), all written to
 * {@code credentials.json} in the data directory (owner-only); the tokens file the HTTP server reads holds only their
 * SHA-256. A restart on the same data directory keeps the tokens of its {@code credentials.json}.
 */
final class DemoCredentials {

    static final String FILE = "credentials.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One HTTP token as handed out (with its secret). */
    record HttpToken(String id, String token, String role, String department, List<String> regions, List<String> eventTypes) {
    }

    private final Path file;
    private final Path tokensFile;
    private final Map<String, Path> clientConfigs;
    private final List<HttpToken> tokens;

    private DemoCredentials(Path file, Path tokensFile, Map<String, Path> clientConfigs, List<HttpToken> tokens) {
        this.file = file;
        this.tokensFile = tokensFile;
        this.clientConfigs = clientConfigs;
        this.tokens = tokens;
    }

    /** The sample's departments: each with the event types it reports and the regions it reports for. */
    static Map<String, Scope> departments(List<SpecificRecord> events) {
        Map<String, Scope> byDepartment = new TreeMap<>();
        for (SpecificRecord e : events) {
            String department = String.valueOf(e.get(e.getSchema().getField("department").pos()));
            String region = String.valueOf(e.get(e.getSchema().getField("regionCode").pos()));
            EventType type = dev.indicators.contract.validation.EventJson.typeOf(e);
            Scope s = byDepartment.computeIfAbsent(department, d -> new Scope(new TreeSet<>(), new TreeSet<>()));
            s.types().add(type);
            s.regions().add(region);
        }
        return byDepartment;
    }

    record Scope(Set<EventType> types, Set<String> regions) {
    }

    static AccessRoles roles(Map<String, Scope> departments, String applicationId) {
        List<Department> list = new ArrayList<>();
        departments.forEach((name, scope) -> list.add(new Department(name, scope.types())));
        return new AccessRoles(list, applicationId);
    }

    /** Writes the client files, the tokens file and {@code credentials.json} into the stack's data directory. */
    static DemoCredentials write(IndicatorStack stack, Map<String, Scope> departments) {
        Path dir = stack.dataDir();
        Path file = dir.resolve(FILE);
        StackCredentials users = stack.credentials().orElseThrow();
        Map<String, Path> clientConfigs = new LinkedHashMap<>();
        for (String user : users.users()) {
            clientConfigs.put(user, users.writeClientConfig(user, dir.resolve("clients").resolve(user + ".properties")));
        }
        Map<String, String> kept = keptTokens(file);
        List<HttpToken> tokens = new ArrayList<>();
        departments.forEach((name, scope) -> tokens.add(new HttpToken(name, kept.getOrDefault(name, StackCredentials.newSecret(40)), "publisher",
                name, List.copyOf(scope.regions()), scope.types().stream().map(EventType::jsonName).toList())));
        tokens.add(new HttpToken("reader", kept.getOrDefault("reader", StackCredentials.newSecret(40)), "reader", null, List.of(), List.of()));
        tokens.add(new HttpToken("admin", kept.getOrDefault("admin", StackCredentials.newSecret(40)), "admin", null, List.of(), List.of()));
        Path tokensFile = dir.resolve("http-tokens.json");
        try {
            List<Map<String, Object>> hashed = new ArrayList<>();
            for (HttpToken t : tokens) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", t.id());
                m.put("sha256", TokenFile.sha256(t.token()));
                m.put("role", t.role());
                if (t.department() != null) m.put("department", t.department());
                if (!t.regions().isEmpty()) m.put("regions", t.regions());
                if (!t.eventTypes().isEmpty()) m.put("eventTypes", t.eventTypes());
                hashed.add(m);
            }
            String tokensJson = JSON.writeValueAsString(Map.of("tokens", hashed));
            StackCredentials.writeOwnerOnly(tokensFile, out -> out.write(tokensJson));

            Map<String, Object> root = new LinkedHashMap<>();
            root.put("note", "generated by 'indicators demo --secure'; owner-only; the HTTP server keeps only the tokens' SHA-256 (" + tokensFile.getFileName() + ")");
            Map<String, Object> kafka = new LinkedHashMap<>();
            kafka.put("bootstrapServers", stack.bootstrapServers());
            kafka.put("securityProtocol", "SASL_PLAINTEXT");
            kafka.put("saslMechanism", "SCRAM-SHA-512");
            List<Map<String, Object>> kafkaUsers = new ArrayList<>();
            for (String user : users.users()) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("user", user);
                u.put("password", users.password(user));
                u.put("role", role(user));
                u.put("clientConfig", clientConfigs.get(user).toString());
                kafkaUsers.add(u);
            }
            kafka.put("users", kafkaUsers);
            root.put("kafka", kafka);
            root.put("registry", Map.of("url", stack.registryUrl(), "adminUser", AccessRoles.ADMIN, "adminPassword", users.password(AccessRoles.ADMIN),
                    "note", "reads are open; only the admin may register or change schemas"));
            root.put("http", Map.of("tokensFile", tokensFile.toString(), "tokens", tokens));
            String json = JSON.writeValueAsString(root);
            StackCredentials.writeOwnerOnly(file, out -> out.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return new DemoCredentials(file, tokensFile, clientConfigs, tokens);
    }

    private static String role(String user) {
        return switch (user) {
            case AccessRoles.ADMIN -> "admin: everything (super user); the only registry writer";
            case AccessRoles.PIPELINE -> "streams app and HTTP ingest: reads inputs, owns its internal topics, writes totals and dead letters";
            case AccessRoles.DASHBOARD -> "dashboards: reads the totals topic only";
            default -> "department: writes the input topics of its event types only";
        };
    }

    /** The token secrets of an earlier run's credentials.json, by id, so a restart does not invalidate them. */
    private static Map<String, String> keptTokens(Path file) {
        Map<String, String> kept = new TreeMap<>();
        if (!Files.isRegularFile(file)) return kept;
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode t : root.path("http").path("tokens")) kept.put(t.path("id").asText(), t.path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return kept;
    }

    /** Settings of the pipeline process: the pipeline's Kafka user, auto-registration off, the tokens file. */
    Map<String, String> pipelineSettings() {
        return Map.of(KafkaClientSecurity.SETTING, clientConfigs.get(AccessRoles.PIPELINE).toString(),
                "INDICATORS_REGISTRY_AUTO_REGISTER", "false",
                HttpAccess.TOKENS_FILE, tokensFile.toString());
    }

    Path file() {
        return file;
    }

    Path clientConfig(String user) {
        return clientConfigs.get(user);
    }

    List<HttpToken> tokens() {
        return tokens;
    }
}
