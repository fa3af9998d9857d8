package dev.indicators.contract.certificate;

import dev.indicators.contract.EventDescriptor;
import dev.indicators.contract.avro.CertificateAction;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.simulation.CaseLifecycle;
import dev.indicators.contract.simulation.OfficeHours;
import dev.indicators.contract.simulation.SimulatedCase;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.FieldError;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Enforcement certificates (行政执法证): topic {@code indicators.certificate.v1}, keyed by {@code certificateNo}. */
public final class CertificateDescriptor {

    public static final EventDescriptor<CertificateEvent> DESCRIPTOR = new EventDescriptor<>("certificate", "certificateNo", CertificateEvent.class,
            CertificateEvent::getCertificateNo, CertificateDescriptor::check, "certificates", CertificateIndicators.ALL, new CertificateCounting(),
            new CaseLifecycle(0.15, "ZF-", CertificateDescriptor::open));

    /** The holder agency, when given, within the text length limit. */
    static void check(CertificateEvent e, EventLimits limits, Consumer<FieldError> errors) {
        String agency = e.getHolderAgency();
        if (agency != null && agency.length() > limits.maxTextLength()) {
            errors.accept(new FieldError("holderAgency", agency, "is " + agency.length() + " characters long, at most " + limits.maxTextLength() + " allowed"));
        }
    }

    private static final String[] HOLDER_AGENCIES = {"market-regulation", "urban-management", "ecology-environment", "transport",
            "agriculture", "culture-tourism", "emergency-management", "natural-resources", "health", "housing"};

    /**
     * ISSUED, then an annual review about every 365 days (96% passed); a failed review is followed by a suspension
     * half the time; a few certificates are suspended between reviews; a suspension ends REINSTATED (70%) or REVOKED.
     */
    private static SimulatedCase open(String caseKey, String regionCode, SplittableRandom random) {
        String holderAgency = HOLDER_AGENCIES[random.nextInt(HOLDER_AGENCIES.length)] + "-" + regionCode;
        return new SimulatedCase() {
            CertificateAction action = CertificateAction.ISSUED;
            Instant anniversary; // the next annual review

            @Override
            public SpecificRecord event(String eventId, Instant at) {
                return new CertificateEvent(eventId, regionCode, "justice-" + regionCode, at, caseKey, holderAgency, action);
            }

            @Override
            public Instant advance(Instant previous) {
                SplittableRandom r = random;
                CertificateAction s = action;
                if (s == CertificateAction.ISSUED || s == CertificateAction.REINSTATED) {
                    if (anniversary == null) anniversary = previous.plus(Duration.ofDays(365));
                    while (!anniversary.isAfter(previous)) anniversary = anniversary.plus(Duration.ofDays(365));
                    if (r.nextDouble() < 0.015) {
                        action = CertificateAction.SUSPENDED;
                        return OfficeHours.between(previous, anniversary, r);
                    }
                    return review(r, previous);
                }
                if (s == CertificateAction.ANNUAL_REVIEW_PASSED) {
                    anniversary = anniversary.plus(Duration.ofDays(365));
                    return review(r, previous);
                }
                if (s == CertificateAction.ANNUAL_REVIEW_FAILED) {
                    anniversary = anniversary.plus(Duration.ofDays(365));
                    if (r.nextDouble() < 0.5) {
                        action = CertificateAction.SUSPENDED;
                        return OfficeHours.later(previous, 10, 30, r);
                    }
                    return review(r, previous);
                }
                if (s == CertificateAction.SUSPENDED) {
                    action = r.nextDouble() < 0.7 ? CertificateAction.REINSTATED : CertificateAction.REVOKED;
                    return OfficeHours.later(previous, 30, 120, r);
                }
                return null; // revoked
            }

            private Instant review(SplittableRandom r, Instant previous) {
                action = r.nextDouble() < 0.96 ? CertificateAction.ANNUAL_REVIEW_PASSED : CertificateAction.ANNUAL_REVIEW_FAILED;
                Instant next = OfficeHours.on(anniversary.plus(Duration.ofDays(r.nextInt(-20, 21))), r);
                return next.isAfter(previous) ? next : previous.plus(Duration.ofDays(1));
            }
        };
    }
}
