package dev.indicators.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.producer.importer.ImportCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts for events this process did not accept itself: {@code import --receipts FILE} writes where each event was
 * stored, and {@code GET /api/v1/events/{eventId}?topic=&partition=&offset=} tells what became of it (counted, or
 * rejected with the reason), after checking that the record at that place is that event.
 */
@ExtendWith(SharedPipeline.class)
class ReceiptsByPlaceSpec {

    private static String mediation(String eventId, String caseId, String status) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"mediation\",\"regionCode\":\"140300\",\"department\":\"yangquan-justice\","
                + "\"occurredAt\":\"2012-05-01T09:00:00+08:00\",\"caseId\":\"" + caseId + "\",\"status\":\"" + status + "\","
                + "\"mediationType\":\"PEOPLES\",\"disputeCategory\":\"NEIGHBOUR\"}";
    }

    /** Imports one JSON Lines file with --receipts; returns the receipt lines (without the header). */
    private static List<String> importWithReceipts(IndicatorStack stack, Path dir, String name, String... lines) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".jsonl"), String.join("\n", lines) + "\n");
        Path receipts = dir.resolve(name + "-receipts.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ImportCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(
                "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(), "--progress", "none",
                "--receipts", receipts.toString(), file.toString());
        assertThat(exit).as("import exit code; stdout %s; stderr %s", out, err).isZero();
        assertThat(out.toString()).contains("receipts: where each of the " + lines.length + " stored events is, in " + receipts);
        List<String> all = Files.readAllLines(receipts);
        assertThat(all.get(0)).isEqualTo("eventId,topic,partition,offset");
        return all.subList(1, all.size());
    }

    private static String place(String receiptLine) {
        String[] f = receiptLine.split(",");
        return "?topic=" + f[1] + "&partition=" + f[2] + "&offset=" + f[3];
    }

    @Test
    void an_imported_event_is_counted_and_a_reimported_event_id_with_other_content_is_rejected_with_the_reason(
            IndicatorStack stack, Http http, @TempDir Path dir) throws Exception {
        String id = "import-receipt-" + UUID.randomUUID();
        String first = importWithReceipts(stack, dir, "first", mediation(id, "IR-1", "RECEIVED")).get(0);
        assertThat(first).startsWith(id + ",indicators.mediation.v1,");
        JsonNode counted = http.await(IngestRoutes.PATH + "/" + id + place(first),
                a -> a.status() == 200 && !a.json().path("status").asText().equals("pending"), Duration.ofSeconds(60)).json();
        assertThat(counted.path("status").asText()).isEqualTo("counted");
        assertThat(counted.path("offset").asLong()).isEqualTo(Long.parseLong(first.split(",")[3]));

        String second = importWithReceipts(stack, dir, "second", mediation(id, "IR-1", "SUCCEEDED")).get(0);
        JsonNode rejected = http.await(IngestRoutes.PATH + "/" + id + place(second),
                a -> a.status() == 200 && !a.json().path("status").asText().equals("pending"), Duration.ofSeconds(60)).json();
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("reason").asText()).startsWith("event-id-conflict: eventId '" + id + "'");
        // the first copy stays counted
        assertThat(http.get(IngestRoutes.PATH + "/" + id + place(first)).json().path("status").asText()).isEqualTo("counted");
    }

    @Test
    void a_place_that_holds_another_event_is_400_naming_it_and_an_empty_place_is_404(IndicatorStack stack, Http http,
                                                                                     @TempDir Path dir) throws Exception {
        String id = "import-place-" + UUID.randomUUID();
        String line = importWithReceipts(stack, dir, "place", mediation(id, "IP-1", "RECEIVED")).get(0);

        Http.Answer other = http.get(IngestRoutes.PATH + "/someone-else" + place(line));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().path("error").asText()).endsWith("is event '" + id + "', not 'someone-else'");

        String[] f = line.split(",");
        Http.Answer empty = http.get(IngestRoutes.PATH + "/" + id + "?topic=" + f[1] + "&partition=" + f[2] + "&offset=" + (Long.parseLong(f[3]) + 1_000_000));
        assertThat(empty.status()).isEqualTo(404);
        assertThat(empty.json().path("error").asText()).startsWith("there is no record at " + f[1] + " partition " + f[2]);

        Http.Answer half = http.get(IngestRoutes.PATH + "/" + id + "?topic=" + f[1]);
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.json().path("error").asText()).startsWith("topic, partition and offset go together");

        Http.Answer notInput = http.get(IngestRoutes.PATH + "/" + id + "?topic=indicators.totals.v1&partition=0&offset=0");
        assertThat(notInput.status()).isEqualTo(400);
        assertThat(notInput.json().path("error").asText()).isEqualTo("topic 'indicators.totals.v1' is not an input topic of this pipeline");
    }
}
