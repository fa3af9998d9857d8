package dev.indicators.platform.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few calls of the Confluent Schema Registry REST API we make, against any server speaking it (Apicurio's
 * {@code /apis/ccompat/v7}). Confluent's own Java client lives outside Maven Central, hence this small one.
 */
public final class ConfluentSchemaApi {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final java.util.Optional<String> authorization;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7} */
    public ConfluentSchemaApi(String baseUrl) {
        this(baseUrl, java.util.Optional.empty());
    }

    /** @param authorization an {@code Authorization} header for every call (the admin's, in secure mode) */
    public ConfluentSchemaApi(String baseUrl, java.util.Optional<String> authorization) {
        this.authorization = authorization;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers an Avro schema under {@code subject} (or finds it registered already); returns its global id. */
    public int register(String subject, String avroSchema) {
        JsonNode answer = send("POST", "/subjects/" + segment(subject) + "/versions", Map.of("schema", avroSchema));
        return answer.path("id").asInt();
    }

    /** Sets the compatibility level of one subject: {@code BACKWARD}, {@code FULL}, {@code NONE}, ... */
    public void setCompatibility(String subject, String level) {
        send("PUT", "/config/" + segment(subject), Map.of("compatibility", level));
    }

    /** The compatibility level set on {@code subject}. */
    public String compatibility(String subject) {
        return send("GET", "/config/" + segment(subject), null).path("compatibilityLevel").asText();
    }

    /** Whether {@code avroSchema} could be registered as the next version of {@code subject}. */
    public boolean isCompatible(String subject, String avroSchema) {
        return send("POST", "/compatibility/subjects/" + segment(subject) + "/versions/latest", Map.of("schema", avroSchema))
                .path("is_compatible").asBoolean();
    }

    public List<String> subjects() {
        List<String> result = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> result.add(node.asText()));
        return result;
    }

    /** The latest version's id of {@code subject}. */
    public int latestId(String subject) {
        return send("GET", "/subjects/" + segment(subject) + "/versions/latest", null).path("id").asInt();
    }

    /** The schema text with this global id (what a consumer of the Confluent wire format looks up). */
    public String schemaById(int id) {
        return send("GET", "/schemas/ids/" + id, null).path("schema").asText();
    }

    private JsonNode send(String method, String path, Object body) {
        String request = method + " " + baseUrl + path;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", CONTENT_TYPE + ", application/json");
            authorization.ifPresent(a -> builder.header("Authorization", a));
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new SchemaRegistryException(request, response.statusCode(), response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(request + ": the answer is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(request + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request + " was interrupted", e);
        }
    }

    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
