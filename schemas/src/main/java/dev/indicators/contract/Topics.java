package dev.indicators.contract;

import dev.indicators.contract.config.SettingCatalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka topics of the pipeline, in one typed place: one input topic per {@link EventType} (named by its
 * descriptor), the dead letters and the totals. Each name can be overridden by an environment variable (or a system
 * property of the same name in lower case with dots), so two pipelines can share a cluster.
 */
public record Topics(Map<EventType, String> inputsByType, String deadLetter, String totals) {

    public static final String DEAD_LETTER_DEFAULT = "indicators.deadletter.v1";
    public static final String TOTALS_DEFAULT = "indicators.totals.v1";

    public Topics {
        EnumMap<EventType, String> all = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) all.put(t, Objects.requireNonNull(inputsByType.get(t), "no topic for " + t.jsonName()));
        inputsByType = Collections.unmodifiableMap(all);
        Objects.requireNonNull(deadLetter);
        Objects.requireNonNull(totals);
    }

    public static Topics defaults() {
        return fromEnvironment(Settings.of(Map.of()));
    }

    /** Every topic named {@code <prefix>.<type>}, {@code <prefix>.deadletter}, {@code <prefix>.totals}: a run of its own on a shared cluster. */
    public static Topics prefixed(String prefix) {
        Map<EventType, String> inputs = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) inputs.put(t, prefix + "." + t.jsonName());
        return new Topics(inputs, prefix + ".deadletter", prefix + ".totals");
    }

    /** Defaults, overridden by INDICATORS_TOPIC_&lt;TYPE&gt; (one per event type), _DEADLETTER, _TOTALS. */
    public static Topics fromEnvironment() {
        return fromEnvironment(Settings.system());
    }

    public static Topics fromEnvironment(Settings settings) {
        Map<EventType, String> inputs = new EnumMap<>(EventType.class);
        // each type's topic setting is named by its descriptor (INDICATORS_TOPIC_<TYPE>, listed in the SettingCatalogue)
        for (EventType t : EventType.values()) inputs.put(t, settings.find(t.descriptor().topicSetting()).orElse(t.descriptor().defaultTopic()));
        return new Topics(inputs, settings.value(SettingCatalogue.TOPIC_DEADLETTER), settings.value(SettingCatalogue.TOPIC_TOTALS));
    }

    /** The settings that would name these topics, e.g. for a child process: INDICATORS_TOPIC_&lt;TYPE&gt;, _DEADLETTER, _TOTALS. */
    public Map<String, String> asSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        inputsByType.forEach((t, name) -> m.put(t.descriptor().topicSetting(), name));
        m.put("INDICATORS_TOPIC_DEADLETTER", deadLetter);
        m.put("INDICATORS_TOPIC_TOTALS", totals);
        return m;
    }

    public List<String> inputs() {
        return List.copyOf(inputsByType.values());
    }

    public String inputFor(EventType type) {
        return inputsByType.get(type);
    }

    public String reconsideration() {
        return inputFor(EventType.RECONSIDERATION);
    }

    public String mediation() {
        return inputFor(EventType.MEDIATION);
    }

    public String certificate() {
        return inputFor(EventType.CERTIFICATE);
    }

    /** Topics whose retention is by key (latest value wins) rather than by time. */
    public Map<String, Boolean> compactedByName() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String input : inputs()) m.put(input, false);
        m.put(deadLetter, false);
        m.put(totals, true);
        return m;
    }

    /** Every topic: the inputs, then dead letters and totals. */
    public List<String> all() {
        List<String> all = new ArrayList<>(inputs());
        all.add(deadLetter);
        all.add(totals);
        return all;
    }
}
