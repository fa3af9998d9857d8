package dev.indicators.testkit.events;

import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.CourtLevel;
import dev.indicators.contract.avro.LitigationEvent;
import dev.indicators.contract.avro.LitigationOutcome;
import dev.indicators.contract.avro.LitigationStage;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.MediationStatus;
import dev.indicators.contract.avro.MediationType;
import dev.indicators.contract.avro.DisputeCategory;
import dev.indicators.contract.avro.ReconsiderationEvent;
import dev.indicators.contract.avro.ReconsiderationOutcome;
import dev.indicators.contract.avro.ReconsiderationStage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Short constructors of events for specifications, one per event type; times are Asia/Shanghai local times like
 * {@code 2017-03-02T10:00}, the department is {@code dept-<region>}.
 */
public final class Events {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final String QINGPU = "310118";
    public static final String SHANGHAI_DISTRICTS = "310100";
    public static final String SHANGHAI = "310000";
    public static final String NATION = "000000";
    public static final String XIANGFU = "410212";
    public static final String KAIFENG = "410200";
    public static final String HENAN = "410000";
    public static final String JIALING = "511304";
    public static final String YANGQUAN = "140300";
    public static final String SHANXI = "140000";
    public static final String BAODING = "130600";

    private Events() {
    }

    public static Instant at(String shanghaiLocalTime) {
        return LocalDateTime.parse(shanghaiLocalTime).atZone(CHINA).toInstant();
    }

    public static ReconsiderationEvent reconsideration(String eventId, String caseId, String region, String time,
                                                       ReconsiderationStage stage, ReconsiderationOutcome outcome) {
        return new ReconsiderationEvent(eventId, region, "dept-" + region, at(time), caseId, stage, outcome);
    }

    public static ReconsiderationEvent reconsideration(String eventId, String caseId, String region, String time, ReconsiderationStage stage) {
        return reconsideration(eventId, caseId, region, time, stage, null);
    }

    public static MediationEvent mediation(String eventId, String caseId, String region, String time, MediationStatus status, Boolean agreementSigned) {
        return new MediationEvent(eventId, region, "dept-" + region, at(time), caseId, status, MediationType.PEOPLES, DisputeCategory.NEIGHBOUR, agreementSigned);
    }

    public static MediationEvent mediation(String eventId, String caseId, String region, String time, MediationStatus status) {
        return mediation(eventId, caseId, region, time, status, null);
    }

    public static CertificateEvent certificate(String eventId, String certificateNo, String region, String time, CertificateAction action) {
        return new CertificateEvent(eventId, region, "dept-" + region, at(time), certificateNo, "agency-" + region, action);
    }

    public static LitigationEvent litigation(String eventId, String caseId, String region, String time, LitigationStage stage,
                                             CourtLevel court, Boolean headAppeared, LitigationOutcome outcome) {
        return new LitigationEvent(eventId, region, "dept-" + region, at(time), caseId, stage, court, headAppeared, outcome);
    }

    /** The {@code occurredAt} of any indicator event. */
    public static Instant occurredAt(org.apache.avro.specific.SpecificRecord event) {
        return (Instant) event.get(event.getSchema().getField("occurredAt").pos());
    }
}
