package dev.indicators.app.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The schema registry answers its Confluent-compatible subject list. */
public final class RegistryReadiness implements ReadinessCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI subjects;

    /** @param confluentApiUrl e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
    public RegistryReadiness(String confluentApiUrl) {
        this.subjects = URI.create(confluentApiUrl.replaceAll("/+$", "") + "/subjects");
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Status check() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(subjects).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? Status.ready(subjects.toString())
                    : Status.notReady(subjects + " answered HTTP " + r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.notReady("interrupted");
        } catch (Exception e) {
            return Status.notReady(subjects + " does not answer: " + e.getClass().getSimpleName());
        }
    }
}
