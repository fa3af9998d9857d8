package dev.indicators.platform.access;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.junit.SharedIndicatorStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secure stack ({@code --secure}) on the real broker and registry: each principal may do what its role needs and
 * the broker refuses the rest.
 */
@ExtendWith(SharedIndicatorStack.Secure.class)
class SecureStackTest {

    private static final String GOV = "qingpu-district-gov";
    private static final String JUSTICE = "qingpu-district-justice";

    @Test
    void aDepartmentWritesTheInputTopicOfItsOwnEventTypes(IndicatorStack stack) throws Exception {
        RecordMetadata stored = send(stack, stack.clientSecurity(GOV), stack.topics().reconsideration());
        assertThat(stored.offset()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aDepartmentIsRefusedOnAnotherDepartmentsTopic(IndicatorStack stack) {
        assertThatThrownBy(() -> send(stack, stack.clientSecurity(GOV), stack.topics().mediation()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aDepartmentIsRefusedOnTheTotalsAndDeadLetterTopics(IndicatorStack stack) {
        assertThatThrownBy(() -> send(stack, stack.clientSecurity(JUSTICE), stack.topics().totals()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(stack, stack.clientSecurity(JUSTICE), stack.topics().deadLetter()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    /** Without WRITE on any topic its idempotent producer is refused a producer id (cluster authorization) at once. */
    @Test
    void theDashboardPrincipalCannotProduceAnything(IndicatorStack stack) {
        for (String topic : List.of(stack.topics().totals(), stack.topics().reconsideration(), stack.topics().deadLetter())) {
            assertThatThrownBy(() -> send(stack, stack.clientSecurity(AccessRoles.DASHBOARD), topic))
                    .as(topic).hasRootCauseInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class);
        }
    }

    @Test
    void aDepartmentCannotCreateTopicsOrGrantItselfRights(IndicatorStack stack) {
        try (Admin admin = Admin.create(withTimeouts(stack.clientSecurity(GOV).clientProperties(stack.bootstrapServers())))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("indicators.mine.v1", 1, (short) 1))).all().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
            assertThatThrownBy(() -> admin.createAcls(AccessProvisioner.acls(new AccessRoles(List.of(new Department(GOV,
                    java.util.Set.of(dev.indicators.contract.EventType.MEDIATION))), "x"), stack.topics())).all().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ClusterAuthorizationException.class);
        }
    }

    @Test
    void anUnauthenticatedClientCannotConnect(IndicatorStack stack) {
        Map<String, Object> plaintext = withTimeouts(KafkaClientSecurity.none().clientProperties(stack.bootstrapServers()));
        try (Admin admin = Admin.create(plaintext)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused(IndicatorStack stack) {
        Map<String, Object> wrong = withTimeouts(KafkaClientSecurity.scram(GOV, "not-the-password").clientProperties(stack.bootstrapServers()));
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void onlyTheAdminMayRegisterSchemasWhileAnyoneMayReadThem(IndicatorStack stack) throws Exception {
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Forged\\\",\\\"fields\\\":[]}\"}";
        String subjects = stack.confluentApiUrl() + "/subjects/indicators.reconsideration.v1-value/versions";
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(URI.create(subjects))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json").POST(HttpRequest.BodyPublishers.ofString(schema));
        assertThat(http.send(anonymous.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest.Builder department = HttpRequest.newBuilder(URI.create(subjects))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((GOV + ":" + stack.credentials().get().password(GOV)).getBytes()))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json").POST(HttpRequest.BodyPublishers.ofString(schema));
        assertThat(http.send(department.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest delete = HttpRequest.newBuilder(URI.create(stack.confluentApiUrl() + "/subjects/indicators.reconsideration.v1-value")).DELETE().build();
        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpRequest read = HttpRequest.newBuilder(URI.create(stack.confluentApiUrl() + "/subjects")).GET().build();
        assertThat(http.send(read, HttpResponse.BodyHandlers.ofString()).body()).contains("indicators.reconsideration.v1-value");
    }

    /**
     * What a producer's Apicurio serializer does against the write-protected registry: with auto-registration off and
     * find-latest (ProducerConfigs) it finds the provisioned schema; anonymously registering a schema of its own is refused.
     */
    @Test
    void producersUseTheProvisionedSchemasAndCannotRegisterTheirOwn(IndicatorStack stack) throws Exception {
        dev.indicators.contract.avro.ReconsiderationEvent event = new dev.indicators.contract.avro.ReconsiderationEvent("e-1", "310118", GOV,
                java.time.Instant.parse("2017-03-02T01:00:00Z"), "C-1", dev.indicators.contract.avro.ReconsiderationStage.APPLIED, null);
        try (var lookup = new io.apicurio.registry.serde.avro.AvroKafkaSerializer<dev.indicators.contract.avro.ReconsiderationEvent>()) {
            lookup.configure(serializerConfig(stack, false), false);
            assertThat(lookup.serialize(stack.topics().reconsideration(), event)).isNotEmpty();
        }
        org.apache.avro.Schema forged = org.apache.avro.SchemaBuilder.record("Forged").namespace("attack").fields().requiredString("forged").endRecord();
        org.apache.avro.generic.GenericData.Record record = new org.apache.avro.generic.GenericData.Record(forged);
        record.put("forged", "x");
        try (var register = new io.apicurio.registry.serde.avro.AvroKafkaSerializer<Object>()) {
            Map<String, Object> config = serializerConfig(stack, true);
            config.remove("apicurio.registry.avro-datum-provider");
            register.configure(config, false);
            assertThatThrownBy(() -> register.serialize(stack.topics().reconsideration(), record))
                    .as("anonymous auto-registration").rootCause()
                    .isInstanceOfSatisfying(io.apicurio.registry.rest.client.models.ProblemDetails.class,
                            problem -> assertThat(problem.getStatus()).isEqualTo(401));
        }
        HttpRequest latest = HttpRequest.newBuilder(URI.create(stack.confluentApiUrl() + "/subjects/indicators.reconsideration.v1-value/versions/latest")).GET().build();
        assertThat(HttpClient.newHttpClient().send(latest, HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("Forged");
    }

    private static Map<String, Object> serializerConfig(IndicatorStack stack, boolean autoRegister) {
        Map<String, Object> c = new java.util.HashMap<>();
        c.put("apicurio.registry.url", stack.registryUrl());
        c.put("apicurio.registry.artifact-resolver-strategy", io.apicurio.registry.serde.strategy.TopicIdStrategy.class.getName());
        c.put("apicurio.registry.auto-register", autoRegister);
        c.put("apicurio.registry.find-latest", !autoRegister);
        c.put("apicurio.registry.avro-datum-provider", dev.indicators.contract.serde.SchemaCachingDatumProvider.class.getName());
        return c;
    }

    @Test
    void noPasswordReachesTheBrokerOrRegistryLog(IndicatorStack stack) throws Exception {
        String brokerLog = Files.readString(stack.kafka().logFile());
        String registryLog = Files.readString(stack.registry().logFile());
        for (String user : stack.credentials().get().users()) {
            String password = stack.credentials().get().password(user);
            assertThat(brokerLog).as("broker log, password of " + user).doesNotContain(password);
            assertThat(registryLog).as("registry log, password of " + user).doesNotContain(password);
        }
    }

    private static RecordMetadata send(IndicatorStack stack, KafkaClientSecurity security, String topic) throws Exception {
        Map<String, Object> p = withTimeouts(security.clientProperties(stack.bootstrapServers()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            return producer.send(new ProducerRecord<>(topic, "SECURE-TEST", "not an event")).get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> p) {
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return p;
    }
}
