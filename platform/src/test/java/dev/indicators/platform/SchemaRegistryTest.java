package dev.indicators.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.platform.junit.SharedIndicatorStack;
import dev.indicators.platform.provision.ConfluentSchemaApi;
import dev.indicators.platform.provision.SchemaProvisioner;
import dev.indicators.platform.provision.SchemaRegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(SharedIndicatorStack.class)
class SchemaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theConfluentApiListsOneValueSubjectPerSchemaWithBackwardCompatibility(IndicatorStack stack) {
        ConfluentSchemaApi api = new ConfluentSchemaApi(stack.confluentApiUrl());

        assertThat(api.subjects()).contains(
                "indicators.reconsideration.v1-value", "indicators.mediation.v1-value",
                "indicators.certificate.v1-value", "indicators.litigation.v1-value", "indicators.totals.v1-value");
        assertThat(stack.schemaIds()).as("one subject per event type, and the totals").hasSize(dev.indicators.contract.EventType.values().length + 1);
        stack.schemaIds().keySet().forEach(subject -> assertThat(api.compatibility(subject)).as(subject).isEqualTo("BACKWARD"));
    }

    @Test
    void aSchemaIdResolvesToItsSchemaAsConfluentWireFormatConsumersLookItUp(IndicatorStack stack) throws Exception {
        ConfluentSchemaApi api = new ConfluentSchemaApi(stack.confluentApiUrl());
        String subject = SchemaProvisioner.valueSubject(stack.topics().totals());

        String schema = api.schemaById(stack.schemaIds().get(subject));

        assertThat(JSON.readTree(schema).get("name").asText()).isEqualTo("IndicatorTotal");
        assertThat(api.latestId(subject)).isEqualTo(stack.schemaIds().get(subject));
    }

    @Test
    void anIncompatibleChangeToARegisteredSchemaIsRefusedWith409(IndicatorStack stack) {
        ConfluentSchemaApi api = new ConfluentSchemaApi(stack.confluentApiUrl());
        String subject = SchemaProvisioner.valueSubject(stack.topics().reconsideration());
        String incompatible = SchemaChanges.withRequiredField(SchemaProvisioner.avsc("avro/ReconsiderationEvent.avsc"), "newRequired");

        assertThat(api.isCompatible(subject, incompatible)).isFalse();
        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class, () -> api.register(subject, incompatible));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.getMessage()).contains("HTTP 409");
        assertThat(api.latestId(subject)).isEqualTo(stack.schemaIds().get(subject));
    }

    @Test
    void aBackwardCompatibleChangeIsAcceptedAsANewVersion(IndicatorStack stack) {
        ConfluentSchemaApi api = new ConfluentSchemaApi(stack.confluentApiUrl());
        // its own subject: the shared stack's subjects stay as provisioned for the other tests
        String subject = "compatibility-" + UUID.randomUUID() + "-value";
        String original = SchemaProvisioner.avsc("avro/MediationEvent.avsc");
        int first = api.register(subject, original);
        api.setCompatibility(subject, "BACKWARD");

        int second = api.register(subject, SchemaChanges.withOptionalField(original, "note"));

        assertThat(second).isNotEqualTo(first);
        assertThat(api.latestId(subject)).isEqualTo(second);
    }

    @Test
    void apicurioOwnApiUsedByTheSerdesAnswers(IndicatorStack stack) throws Exception {
        HttpResponse<String> info = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/system/info")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(info.body()).get("version").asText()).isEqualTo(stack.registry().version());
    }
}
