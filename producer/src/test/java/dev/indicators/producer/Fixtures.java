package dev.indicators.producer;

import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;

import java.time.Clock;

/** Valid events in their JSON form, and the rules the tests validate with. */
public final class Fixtures {

    private Fixtures() {
    }

    public static EventRules rules() {
        return new EventRules(RegionTable.bundled(), EventLimits.defaults(), Clock.systemUTC());
    }

    public static EventJson json() {
        return new EventJson(rules());
    }

    public static String reconsideration(String eventId, String caseId, String stage) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"reconsideration\",\"regionCode\":\"310118\",\"department\":\"qingpu-gov\","
                + "\"occurredAt\":\"2017-09-30T10:15:00+08:00\",\"caseId\":\"" + caseId + "\",\"stage\":\"" + stage + "\"}";
    }

    public static String concluded(String eventId, String caseId, String outcome) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"reconsideration\",\"regionCode\":\"310118\",\"department\":\"qingpu-gov\","
                + "\"occurredAt\":\"2017-10-30T10:15:00+08:00\",\"caseId\":\"" + caseId + "\",\"stage\":\"CONCLUDED\",\"outcome\":\"" + outcome + "\"}";
    }

    public static String mediation(String eventId, String caseId, String status) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"mediation\",\"regionCode\":\"140300\",\"department\":\"yangquan-justice\","
                + "\"occurredAt\":\"2019-05-01T09:00:00+08:00\",\"caseId\":\"" + caseId + "\",\"status\":\"" + status + "\","
                + "\"mediationType\":\"PEOPLES\",\"disputeCategory\":\"NEIGHBOUR\"}";
    }

    public static String certificate(String eventId, String certificateNo, String action) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"certificate\",\"regionCode\":\"310118\",\"department\":\"qingpu-justice\","
                + "\"occurredAt\":\"2017-03-01T09:00:00+08:00\",\"certificateNo\":\"" + certificateNo + "\",\"holderAgency\":\"market-regulation\","
                + "\"action\":\"" + action + "\"}";
    }
}
