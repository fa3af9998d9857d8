package dev.indicators.producer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.producer.BadInputCorpus;
import dev.indicators.producer.Fixtures;
import dev.indicators.producer.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ingest without HTTP: what one request body becomes, with a publisher that needs no Kafka. */
class IngestServiceSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private IngestService service(IngestSettings settings) {
        return new IngestService(publisher, Fixtures.json(), settings, meters);
    }

    private IngestService service() {
        return service(IngestSettings.defaults());
    }

    private static JsonNode json(IngestReply reply) {
        return JSON.valueToTree(reply);
    }

    @Test
    void one_valid_event_is_accepted_with_where_it_was_stored() throws Exception {
        IngestReply r = service().ingest(Fixtures.reconsideration("h1", "QP-1", "APPLIED"), "application/json");
        assertThat(r.outcome()).isEqualTo(IngestReply.Outcome.ACCEPTED);
        assertThat(JSON.writeValueAsString(r)).isEqualTo("{\"accepted\":1,\"rejected\":0,\"unavailable\":0,\"events\":[{\"index\":0,\"eventId\":\"h1\","
                + "\"status\":\"accepted\",\"topic\":\"indicators.reconsideration.v1\",\"partition\":0,\"offset\":0}]}");
        assertThat(meters.counter("indicators.ingest.requests", "status", "202").count()).isEqualTo(1);
        assertThat(meters.counter("indicators.events.ingested", "type", "reconsideration").count()).isEqualTo(1);
    }

    @Test
    void an_array_and_ndjson_carry_several_events() {
        String a = Fixtures.mediation("a", "M-1", "RECEIVED"), b = Fixtures.mediation("b", "M-1", "SUCCEEDED");
        assertThat(service().ingest("[" + a + "," + b + "]", "application/json").accepted()).isEqualTo(2);
        assertThat(service().ingest(a + "\n" + b + "\n", "application/x-ndjson").accepted()).isEqualTo(2);
        IngestReply detected = service().ingest(a + "\n\n" + b, "application/json"); // several top-level values: NDJSON
        assertThat(detected.outcome()).isEqualTo(IngestReply.Outcome.ACCEPTED);
        assertThat(detected.events().get(1).line()).isEqualTo(3);
        assertThat(publisher.published).hasSize(6);
    }

    @Test
    void invalid_events_are_rejected_per_event_and_field_while_the_valid_ones_are_published() {
        String body = String.join("\n", Fixtures.reconsideration("ok1", "QP-1", "APPLIED"),
                Fixtures.reconsideration("bad1", "QP-2", "APPLIED").replace("310118", "999999").replace("QP-2", "Q".repeat(70)),
                Fixtures.reconsideration("ok2", "QP-1", "ACCEPTED"));
        JsonNode r = json(service().ingest(body, "application/x-ndjson"));
        assertThat(r.get("accepted").asInt()).isEqualTo(2);
        assertThat(r.get("rejected").asInt()).isEqualTo(1);
        assertThat(r.get("error").asText()).isEqualTo("1 of 3 events are invalid and were not published; the other 2 were published");
        JsonNode bad = r.get("events").get(1);
        assertThat(bad.get("status").asText()).isEqualTo("rejected");
        assertThat(bad.get("eventId").asText()).isEqualTo("bad1");
        assertThat(bad.get("errors").toString()).contains("{\"field\":\"regionCode\",\"value\":\"999999\",\"reason\":\"unknown GB/T 2260 region code");
        assertThat(bad.get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("regionCode", "caseId");
        assertThat(r.get("events").get(2).get("status").asText()).isEqualTo("accepted");
        assertThat(publisher.published).extracting(RecordingPublisher::id).containsExactly("ok1", "ok2");
    }

    @Test
    void the_message_speaks_of_the_others_only_when_there_are_others() {
        String bad = Fixtures.mediation("m1", "M-1", "RECEIVED").replace("140300", "999999");
        assertThat(service().ingest(bad, "application/json").error()).isEqualTo("the event is invalid and was not published");
        assertThat(service().ingest(bad + "\n" + bad.replace("m1", "m2"), "application/x-ndjson").error())
                .isEqualTo("all 2 events are invalid; none was published");
    }

    static Stream<BadInputCorpus.Bad> corpus() {
        return Stream.concat(BadInputCorpus.lines().stream(), Stream.of(BadInputCorpus.EMPTY_BODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void each_bad_input_gets_its_specific_error(BadInputCorpus.Bad bad) {
        JsonNode r = json(service().ingest(bad.json(), "application/json"));
        assertThat(r.get("rejected").asInt()).isEqualTo(1);
        assertThat(r.get("events").get(0).get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(bad.field());
            assertThat(e.get("reason").asText()).contains(bad.reason());
        });
    }

    @Test
    void a_body_above_the_byte_limit_is_refused_naming_the_limit_and_nothing_is_published() {
        IngestService s = service(IngestSettings.defaults().withMaxBytes(1000));
        String big = "[" + (Fixtures.mediation("big", "M-1", "RECEIVED") + ",").repeat(20) + "{}]";
        assertThatThrownBy(() -> s.ingest(big, "application/json"))
                .isInstanceOfSatisfying(IngestRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(IngestRefusedException.Reason.TOO_MANY_BYTES);
                    assertThat(e.limit()).isEqualTo(1000);
                    assertThat(e.getMessage()).startsWith("request body larger than 1000 bytes (INDICATORS_INGEST_MAX_BYTES)");
                });
        assertThat(publisher.published).isEmpty();
        assertThat(meters.counter("indicators.ingest.requests", "status", "413").count()).isEqualTo(1);
    }

    @Test
    void more_events_than_the_limit_are_refused_in_every_shape_and_nothing_is_published() {
        IngestService s = service(IngestSettings.defaults().withMaxEvents(3));
        String e = Fixtures.mediation("e", "M-1", "RECEIVED");
        for (String[] body : List.of(new String[]{"[" + String.join(",", Collections.nCopies(4, e)) + "]", "application/json"},
                new String[]{String.join("\n", Collections.nCopies(4, e)), "application/x-ndjson"},
                new String[]{String.join("\n", Collections.nCopies(4, e)), null},
                new String[]{"[" + "{},".repeat(100) + "{}]", "application/json"})) {
            assertThatThrownBy(() -> s.ingest(body[0], body[1])).as(body[0].substring(0, 20))
                    .isInstanceOfSatisfying(IngestRefusedException.class, x -> {
                        assertThat(x.reason()).isEqualTo(IngestRefusedException.Reason.TOO_MANY_EVENTS);
                        assertThat(x.getMessage()).startsWith("more than 3 events in one request (INDICATORS_INGEST_MAX_EVENTS)");
                    });
        }
        assertThat(publisher.published).isEmpty();
        assertThat(s.ingest("[" + String.join(",", Collections.nCopies(3, e)) + "]", "application/json").accepted()).isEqualTo(3);
    }

    @Test
    void a_huge_array_of_empty_objects_is_refused_after_reading_only_the_first_events() {
        IngestService s = service(IngestSettings.defaults());
        CountingStream body = new CountingStream(emptyObjects(3_300_000));
        assertThatThrownBy(() -> s.ingest(body, "application/json")).isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("more than 2000 events");
        assertThat(body.read).isLessThan(64 * 1024);
    }

    @Test
    void only_the_first_rejected_events_are_listed_and_the_rest_are_counted() throws Exception {
        IngestService s = service(IngestSettings.defaults().withMaxErrorsListed(5));
        IngestReply r = s.ingest("[" + "{},".repeat(1999) + "{}]", "application/json");
        assertThat(r.rejected()).isEqualTo(2000);
        assertThat(r.events()).hasSize(5);
        assertThat(r.rejectedNotListed()).isEqualTo(1995);
        assertThat(r.error()).isEqualTo("all 2000 events are invalid; none was published (the first 5 rejected events are listed, 1995 more are counted in rejectedNotListed)");
        assertThat(JSON.writeValueAsBytes(r).length).isLessThan(8 * 1024);
    }

    @Test
    void a_long_value_is_shortened_in_the_answer_saying_how_long_it_was() {
        String bad = Fixtures.mediation("long", "M-1", "RECEIVED").replace("\"M-1\"", "\"" + "x".repeat(100_000) + "\"");
        JsonNode error = json(service().ingest(bad, "application/json")).get("events").get(0).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("caseId");
        assertThat(error.get("value").asText()).isEqualTo("x".repeat(100) + "... (100000 characters)");
    }

    @Test
    void an_event_with_thousands_of_unknown_fields_lists_ten_errors_and_counts_the_rest() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 5000; i++) fields.append(",\"f").append(i).append("\":1");
        String bad = Fixtures.mediation("many", "M-1", "RECEIVED").replaceFirst("}$", fields + "}");
        JsonNode errors = json(service().ingest(bad, "application/json")).get("events").get(0).get("errors");
        assertThat(errors).hasSize(11);
        assertThat(errors.get(10).get("reason").asText()).isEqualTo("4990 more errors in this event not listed");
    }

    @Test
    void invalid_utf8_in_a_field_is_refused_naming_the_field() {
        byte[] bytes = Fixtures.mediation("utf", "M-UTF", "RECEIVED").getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("M-UTF") + 2;
        bytes[at] = (byte) 0xFF;
        for (String type : new String[]{"application/json", "application/x-ndjson"}) {
            JsonNode error = json(service().ingest(new ByteArrayInputStream(bytes), type)).get("events").get(0).get("errors").get(0);
            assertThat(error.get("field").asText()).as(type).isEqualTo("caseId");
            assertThat(error.get("reason").asText()).as(type).startsWith("is not valid UTF-8 (Invalid UTF-8 start byte 0xff");
        }
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void a_control_character_in_a_field_is_refused_naming_the_field() {
        String bad = Fixtures.mediation("nul", "M-1", "RECEIVED").replace("\"M-1\"", "\"M-\\u00001\"");
        JsonNode error = json(service().ingest(bad, "application/json")).get("events").get(0).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("caseId");
        assertThat(error.get("reason").asText()).isEqualTo("contains the control character U+0000 at position 3; text fields must not hold control characters");
    }

    @Test
    void a_content_type_that_is_neither_json_nor_ndjson_is_refused() {
        assertThatThrownBy(() -> service().ingest(Fixtures.mediation("ct", "M-1", "RECEIVED"), "application/x-www-form-urlencoded"))
                .isInstanceOfSatisfying(IngestRefusedException.class, e -> {
                    assertThat(e.reason().status()).isEqualTo(415);
                    assertThat(e.getMessage()).isEqualTo("Content-Type 'application/x-www-form-urlencoded' is not accepted; send application/json "
                            + "(one event or an array) or application/x-ndjson (one event a line)");
                });
        assertThat(service().ingest(Fixtures.mediation("ct", "M-1", "RECEIVED"), "application/json; charset=utf-8").accepted()).isEqualTo(1);
    }

    @Test
    void a_body_that_arrives_too_slowly_is_cut_off() {
        IngestService s = service(IngestSettings.defaults().withBodyTimeout(Duration.ofMillis(200)));
        InputStream slow = new InputStream() {
            @Override
            public int read() {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                b[off] = (byte) read();
                return 1;
            }
        };
        assertThatThrownBy(() -> s.ingest(slow, "application/json")).isInstanceOfSatisfying(IngestRefusedException.class,
                e -> assertThat(e.reason().status()).isEqualTo(408));
    }

    @Test
    void when_kafka_does_not_acknowledge_in_time_the_events_are_unavailable() {
        publisher.hanging();
        IngestService s = service(IngestSettings.defaults().withKafkaTimeout(Duration.ofMillis(300)));
        IngestReply r = s.ingest("[" + Fixtures.mediation("slow1", "M-1", "RECEIVED") + "," + Fixtures.mediation("slow2", "M-2", "RECEIVED") + "]", "application/json");
        assertThat(r.outcome()).isEqualTo(IngestReply.Outcome.UNAVAILABLE);
        assertThat(r.unavailable()).isEqualTo(2);
        assertThat(r.events().get(0).status()).isEqualTo("unavailable");
        assertThat(r.events().get(0).reason()).contains("re-sending it is safe");
        assertThat(meters.counter("indicators.ingest.requests", "status", "503").count()).isEqualTo(1);
    }

    @Test
    void a_send_failure_that_says_kafka_is_unreachable_is_unavailable_too() {
        publisher.timingOut("t");
        IngestReply r = service().ingest(Fixtures.mediation("t1", "M-1", "RECEIVED"), "application/json");
        assertThat(r.outcome()).isEqualTo(IngestReply.Outcome.UNAVAILABLE);
        assertThat(r.events().get(0).reason()).contains("TimeoutException");
    }

    @Test
    void malformed_json_after_valid_values_is_named_with_its_line() {
        IngestReply r = service().ingest(String.join("\n", List.of(Fixtures.mediation("x", "M-1", "RECEIVED"), "{")), null);
        assertThat(r.outcome()).isEqualTo(IngestReply.Outcome.INVALID);
        assertThat(r.events().get(1).errors().get(0).field()).isEqualTo("(json)");
        assertThat(r.events().get(1).line()).isEqualTo(2);
    }

    @Test
    void accepted_events_are_remembered_for_their_receipt() {
        IngestService s = service();
        s.ingest(Fixtures.mediation("kept", "M-1", "RECEIVED"), "application/json");
        assertThat(s.accepted().find("kept")).hasValueSatisfying(p -> assertThat(p.topic()).isEqualTo("indicators.mediation.v1"));
        assertThat(s.accepted().find("never")).isEmpty();
    }

    /** {@code [{},{},...]} with n elements, produced as it is read. */
    static InputStream emptyObjects(int n) {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream("[".getBytes(StandardCharsets.US_ASCII)),
                new RepeatingStream("{},".getBytes(StandardCharsets.US_ASCII), (long) n * 3 - 1),
                new ByteArrayInputStream("]".getBytes(StandardCharsets.US_ASCII)))));
    }

    /** A pattern repeated up to a length, produced as it is read. */
    static final class RepeatingStream extends InputStream {
        private final byte[] pattern;
        private final long length;
        private long pos;

        RepeatingStream(byte[] pattern, long length) {
            this.pattern = pattern;
            this.length = length;
        }

        @Override
        public int read() {
            return pos >= length ? -1 : pattern[(int) (pos++ % pattern.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= length) return -1;
            int n = (int) Math.min(len, length - pos);
            for (int i = 0; i < n; i++) b[off + i] = pattern[(int) (pos++ % pattern.length)];
            return n;
        }
    }

    static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) read++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) read += n;
            return n;
        }
    }
}
