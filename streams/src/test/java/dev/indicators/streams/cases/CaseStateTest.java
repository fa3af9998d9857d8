package dev.indicators.streams.cases;

import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.cases.CaseCount;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.contract.certificate.CertificateIndicators;
import dev.indicators.contract.mediation.MediationIndicators;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of a case state: its facts' days, their fingerprints, and the counts a state adds up to. */
@DisplayName("Case state: days of facts, fingerprints, counts")
class CaseStateTest {

    private static final String QINGPU = "310118";

    private static CaseFact fact(String eventId, EventFingerprint fingerprint, Instant occurredAt) {
        return new CaseFact(0, eventId, fingerprint, occurredAt.toEpochMilli(), QINGPU, MediationStatus.RECEIVED.ordinal(), CaseFact.NONE);
    }

    private static EventFingerprint fingerprintOf(String content) {
        return EventFingerprint.of(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a fact from a summer when Shanghai kept daylight saving (1986 to 1991) is dated by that summer's clock")
    void daylightSavingSummers() {
        // 00:30 on 2 July 1991 in Shanghai was UTC+9 (daylight saving): 15:30 UTC on 1 July
        assertThat(fact("a", fingerprintOf("a"), Instant.parse("1991-07-01T15:30:00Z")).day()).isEqualTo(LocalDate.of(1991, 7, 2));
        // the same instant a year later falls on 1 July: UTC+8 since 1992
        assertThat(fact("a", fingerprintOf("a"), Instant.parse("1992-07-01T15:30:00Z")).day()).isEqualTo(LocalDate.of(1992, 7, 1));
        assertThat(fact("a", fingerprintOf("a"), Instant.parse("1992-07-01T16:00:00Z")).day()).isEqualTo(LocalDate.of(1992, 7, 2));
    }

    @Test
    @DisplayName("equal content, equal fingerprint; a state read back from the case store equals the state written, and not one with other content")
    void fingerprintsAndStoredStates() {
        assertThat(fingerprintOf("applied on 2 March")).isEqualTo(fingerprintOf("applied on 2 March"))
                .isNotEqualTo(fingerprintOf("applied on 3 March"));
        assertThat(fingerprintOf("applied on 2 March").bytes()).hasSize(EventFingerprint.LENGTH);

        Instant at = Instant.parse("2017-03-02T01:00:00Z");
        CaseState written = CaseState.EMPTY.with(fact("m1-a", fingerprintOf("applied on 2 March"), at))
                .with(fact("m1-b", fingerprintOf("succeeded on 4 March"), at.plusSeconds(2 * 86_400)));
        CaseStateSerde serde = new CaseStateSerde();
        CaseState read = serde.deserializer().deserialize("cases", serde.serializer().serialize("cases", written));
        assertThat(read).isEqualTo(written);

        CaseState otherContent = CaseState.EMPTY.with(fact("m1-a", fingerprintOf("applied on 2 March"), at))
                .with(fact("m1-b", fingerprintOf("failed on 4 March"), at.plusSeconds(2 * 86_400)));
        assertThat(read).isNotEqualTo(otherContent);
    }

    @Test
    @DisplayName("counts of one indicator, region and day add up; a +1 and a -1 cancel out and leave nothing")
    void countsAddUp() {
        LocalDate day = LocalDate.of(2017, 3, 2);
        CaseCounts counts = new CaseCounts()
                .add(QINGPU, MediationIndicators.RECEIVED, day)
                .add(QINGPU, MediationIndicators.RECEIVED, day)
                .add(QINGPU, CertificateIndicators.ACTIVE, day, 1)
                .add(QINGPU, CertificateIndicators.ACTIVE, day, -1)
                .add(QINGPU, CertificateIndicators.ACTIVE, day.plusDays(1), 0);

        assertThat(counts.asMap()).containsExactly(Map.entry(new CaseCount(QINGPU, MediationIndicators.RECEIVED, day), 2));
        assertThat(counts).hasToString("{CaseCount[regionCode=310118, indicator=mediation.received, day=2017-03-02]=2}");
    }
}
