package dev.indicators.contract;

import dev.indicators.contract.config.SettingCatalogue;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of the pipeline, in one typed place. Each name can be overridden by an environment
 * variable (or a system property of the same name in lower case with dots), so two pipelines can share a cluster.
 */
public record Topics(String reconsideration, String mediation, String certificate, String deadLetter, String totals) {

    public static final String RECONSIDERATION_DEFAULT = "indicators.reconsideration.v1";
    public static final String MEDIATION_DEFAULT = "indicators.mediation.v1";
    public static final String CERTIFICATE_DEFAULT = "indicators.certificate.v1";
    public static final String DEAD_LETTER_DEFAULT = "indicators.deadletter.v1";
    public static final String TOTALS_DEFAULT = "indicators.totals.v1";

    public static Topics defaults() {
        return new Topics(RECONSIDERATION_DEFAULT, MEDIATION_DEFAULT, CERTIFICATE_DEFAULT, DEAD_LETTER_DEFAULT, TOTALS_DEFAULT);
    }

    /** Defaults, overridden by INDICATORS_TOPIC_RECONSIDERATION, _MEDIATION, _CERTIFICATE, _DEADLETTER, _TOTALS. */
    public static Topics fromEnvironment() {
        return fromEnvironment(Settings.system());
    }

    public static Topics fromEnvironment(Settings settings) {
        return new Topics(
                settings.value(SettingCatalogue.TOPIC_RECONSIDERATION),
                settings.value(SettingCatalogue.TOPIC_MEDIATION),
                settings.value(SettingCatalogue.TOPIC_CERTIFICATE),
                settings.value(SettingCatalogue.TOPIC_DEADLETTER),
                settings.value(SettingCatalogue.TOPIC_TOTALS));
    }

    public List<String> inputs() {
        return List.of(reconsideration, mediation, certificate);
    }

    public String inputFor(EventType type) {
        return switch (type) {
            case RECONSIDERATION -> reconsideration;
            case MEDIATION -> mediation;
            case CERTIFICATE -> certificate;
        };
    }

    /** Topics whose retention is by key (latest value wins) rather than by time. */
    public Map<String, Boolean> compactedByName() {
        return Map.of(reconsideration, false, mediation, false, certificate, false, deadLetter, false, totals, true);
    }
}
