package dev.indicators.streams;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.support.TestPipeline;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.indicators.contract.avro.CertificateAction.ISSUED;
import static dev.indicators.contract.avro.MediationStatus.RECEIVED;
import static dev.indicators.contract.avro.ReconsiderationStage.APPLIED;
import static dev.indicators.contract.avro.ReconsiderationStage.ACCEPTED;
import static dev.indicators.testkit.events.Events.QINGPU;
import static dev.indicators.testkit.events.Events.certificate;
import static dev.indicators.testkit.events.Events.mediation;
import static dev.indicators.testkit.events.Events.reconsideration;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Dead letters: nothing is dropped silently; refused records keep their bytes and say why and where from")
class DeadLetterSpec {

    private final TestPipeline pipeline = new TestPipeline();

    @AfterEach
    void close() {
        pipeline.close();
    }

    private static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("bytes that are not an event go to the dead-letter topic with their original key and value, and the next good event is counted")
    void undecodableBytes() {
        byte[] garbage = {0, 0, 0, 0, 42, (byte) 0xff, (byte) 0xfe};
        pipeline.sendRaw(EventType.RECONSIDERATION, "C1", garbage);
        pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED));

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo("C1".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter.headers(), DeadLetter.REASON)).isEqualTo("deserialization");
        assertThat(header(letter.headers(), DeadLetter.DETAIL)).isEqualTo("UncheckedIOException: not a ReconsiderationEvent in plain Avro binary: null <- EOFException");
        assertThat(header(letter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("indicators.reconsideration.v1");
        assertThat(header(letter.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(letter.headers(), DeadLetter.EVENT_TYPE)).isEqualTo("reconsideration");

        assertThat(pipeline.count(QINGPU, "reconsideration.applied", "all")).isEqualTo(1);
        assertThat(pipeline.meter(PipelineMetrics.DEAD_LETTERED, "reason", "deserialization", "type", "reconsideration")).isEqualTo(1);
        assertThat(pipeline.meter(PipelineMetrics.PROCESSED, "type", "reconsideration")).isEqualTo(1);
    }

    @Test
    @DisplayName("a record without a value is a deserialization dead letter")
    void emptyValue() {
        pipeline.sendRaw(EventType.MEDIATION, "M1", null);
        assertThat(pipeline.deadLetters()).singleElement()
                .satisfies(l -> assertThat(header(l.headers(), DeadLetter.REASON)).isEqualTo("deserialization"))
                .satisfies(l -> assertThat(header(l.headers(), DeadLetter.DETAIL)).isEqualTo("IllegalArgumentException: record has no value"));
    }

    @Test
    @DisplayName("an unknown region code fails validation; the detail names the field and the value")
    void unknownRegion() {
        pipeline.send(reconsideration("c1-a", "C1", "999999", "2017-03-02T09:00", APPLIED));

        assertThat(pipeline.deadLetters()).hasSize(1);
        TestRecord<byte[], byte[]> letter = pipeline.deadLetters().get(0);
        assertThat(header(letter.headers(), DeadLetter.REASON)).isEqualTo("validation");
        assertThat(header(letter.headers(), DeadLetter.DETAIL)).isEqualTo("field 'regionCode' = '999999': unknown GB/T 2260 region code (not in the region table of 14 regions)");
        assertThat(pipeline.count("000000", "reconsideration.applied", "all")).isZero();
        assertThat(pipeline.meter(PipelineMetrics.DEAD_LETTERED, "reason", "validation", "type", "reconsideration")).isEqualTo(1);
    }

    @Test
    @DisplayName("every broken rule is named: an outcome without CONCLUDED, a blank department, a date before 2000")
    void contractRules() {
        ReconsiderationEvent bad = reconsideration("c1-a", "C1", QINGPU, "1999-03-02T09:00", ACCEPTED,
                dev.indicators.contract.avro.ReconsiderationOutcome.UPHELD);
        bad.setDepartment(" ");
        pipeline.send(bad);

        assertThat(pipeline.deadLetters()).hasSize(1);
        String detail = header(pipeline.deadLetters().get(0).headers(), DeadLetter.DETAIL);
        assertThat(detail).isEqualTo("field 'department' = ' ': is required; "
                + "field 'occurredAt' = '1999-03-02T01:00:00Z': is before 2000-01-01, the earliest date accepted; "
                + "field 'outcome' = 'UPHELD': an outcome is only allowed with stage CONCLUDED, not ACCEPTED");
    }

    @Test
    @DisplayName("an event of another type on a topic is refused")
    void wrongTopic() {
        CertificateEvent cert = certificate("k1-i", "K1", QINGPU, "2017-03-02T09:00", ISSUED);
        pipeline.sendRaw(EventType.RECONSIDERATION, "K1", pipeline.codec.encode(cert));
        // the plain codec reads a certificate's bytes as a reconsideration event and fails (Avro runs past the end of
        // an enum's symbols): a deserialization dead letter, counted nowhere
        assertThat(pipeline.deadLetters()).hasSize(1);
        assertThat(header(pipeline.deadLetters().get(0).headers(), DeadLetter.REASON)).isEqualTo("deserialization");
        assertThat(header(pipeline.deadLetters().get(0).headers(), DeadLetter.DETAIL)).isEqualTo("ArrayIndexOutOfBoundsException: Index 13 out of bounds for length 2");
        assertThat(pipeline.count(QINGPU, "reconsideration.applied", "all")).isZero();
        assertThat(pipeline.count(QINGPU, "certificates.issued", "all")).isZero();
    }

    @Test
    @DisplayName("a record not keyed by its caseId is refused as key-mismatch, since its case could be split across partitions")
    void keyMismatch() {
        pipeline.sendRaw(EventType.MEDIATION, "OTHER", pipeline.codec.encode(mediation("m1-a", "M1", QINGPU, "2017-03-02T09:00", RECEIVED)));
        pipeline.sendRaw(EventType.MEDIATION, null, pipeline.codec.encode(mediation("m2-a", "M2", QINGPU, "2017-03-02T09:00", RECEIVED)));

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters();
        assertThat(letters).hasSize(2);
        assertThat(letters).allSatisfy(l -> assertThat(header(l.headers(), DeadLetter.REASON)).isEqualTo("key-mismatch"));
        assertThat(header(letters.get(0).headers(), DeadLetter.DETAIL)).isEqualTo("record key 'OTHER' but the event's caseId is 'M1': events are keyed by caseId so that all events of a case share a partition");
        assertThat(header(letters.get(1).headers(), DeadLetter.DETAIL)).isEqualTo("record key is null but the event's caseId is 'M2': events are keyed by caseId so that all events of a case share a partition");
        assertThat(letters.get(1).key()).isNull();
        assertThat(pipeline.count(QINGPU, "mediation.received", "all")).isZero();
    }

    @Test
    @DisplayName("an eventId re-used with different content is an event-id-conflict; the first content stays counted")
    void eventIdConflict() {
        pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-02T09:00", APPLIED));
        pipeline.send(reconsideration("c1-a", "C1", QINGPU, "2017-03-05T09:00", ACCEPTED));

        assertThat(pipeline.deadLetters()).hasSize(1);
        TestRecord<byte[], byte[]> letter = pipeline.deadLetters().get(0);
        assertThat(header(letter.headers(), DeadLetter.REASON)).isEqualTo("event-id-conflict");
        assertThat(header(letter.headers(), DeadLetter.DETAIL)).isEqualTo("eventId 'c1-a' is already in the history of caseId 'C1' with different content; a corrected event needs a new eventId");
        assertThat(header(letter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(pipeline.count(QINGPU, "reconsideration.applied", "day:2017-03-02")).isEqualTo(1);
        assertThat(pipeline.count(QINGPU, "reconsideration.accepted", "all")).isZero();
        assertThat(pipeline.meter(PipelineMetrics.DEAD_LETTERED, "reason", "event-id-conflict", "type", "reconsideration")).isEqualTo(1);
    }

    @Test
    @DisplayName("the original headers of a refused record are kept next to the dlq.* headers")
    void originalHeadersKept() {
        var record = new TestRecord<>("C1".getBytes(StandardCharsets.UTF_8), new byte[]{1, 2, 3},
                new org.apache.kafka.common.header.internals.RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8)),
                TestPipeline.NOW);
        pipeline.driver().createInputTopic("indicators.reconsideration.v1",
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())
                .pipeInput(record);
        assertThat(pipeline.deadLetters()).hasSize(1);
        Headers headers = pipeline.deadLetters().get(0).headers();
        assertThat(header(headers, "traceparent")).isEqualTo("00-abc");
        assertThat(header(headers, DeadLetter.REASON)).isEqualTo("deserialization");
    }
}
