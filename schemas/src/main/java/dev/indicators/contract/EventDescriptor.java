package dev.indicators.contract;

import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.indicator.IndicatorName;
import dev.indicators.contract.simulation.CaseLifecycle;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.FieldError;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything the pipeline knows about one event type, in one place: its Avro record (whose schema is also its JSON form
 * and its registry subject), the field that keys its case, its topic, the rules beyond the schema, its indicators, its
 * counting rules and the lifecycle the simulator plays. {@link EventType} lists the descriptors; the publishing paths,
 * the streams app, the registry provisioning and the simulator read every type-specific fact from here, so a new type
 * is a new descriptor (docs/development.md, "Add an event type").
 *
 * @param jsonName        the value of the JSON field {@code type}, e.g. {@code reconsideration}; also the middle of the topic name
 * @param caseKeyField    the field whose value keys the Kafka record, so every event of one case lands on one partition
 * @param recordClass     the generated Avro class; its schema is the contract of the type's topic
 * @param caseKeyOf       the value of {@code caseKeyField} in an event
 * @param rules           the type's rules beyond the schema and the shared fields (the case key is checked as an id already)
 * @param indicatorPrefix the first word of the type's indicator names ({@code certificates} for the type {@code certificate})
 * @param indicators      the type's indicators in the order the query API lists them
 * @param counting        the counting rules: what a case counts for, as a pure function of its distinct events
 * @param lifecycle       how the simulator plays a case of this type, and how often the type's cases start
 * @param <E>             the generated Avro class of the type's events
 */
public record EventDescriptor<E extends SpecificRecord>(String jsonName, String caseKeyField, Class<E> recordClass,
                                                        Function<E, String> caseKeyOf, Rules<E> rules, String indicatorPrefix,
                                                        List<IndicatorName> indicators, CaseCounting counting, CaseLifecycle lifecycle) {

    /** The rules of a type beyond its schema: each violation handed to {@code errors}, naming the field and the value. */
    @FunctionalInterface
    public interface Rules<E> {
        void check(E event, EventLimits limits, Consumer<FieldError> errors);
    }

    public EventDescriptor {
        Objects.requireNonNull(jsonName);
        Objects.requireNonNull(caseKeyField);
        Objects.requireNonNull(recordClass);
        Objects.requireNonNull(caseKeyOf);
        Objects.requireNonNull(rules);
        Objects.requireNonNull(indicatorPrefix);
        indicators = List.copyOf(indicators);
        Objects.requireNonNull(counting);
        Objects.requireNonNull(lifecycle);
    }

    public Schema schema() {
        return SpecificData.get().getSchema(recordClass);
    }

    /** {@code indicators.<type>.v1}. */
    public String defaultTopic() {
        return "indicators." + jsonName + ".v1";
    }

    /** The setting that renames the type's topic, {@code INDICATORS_TOPIC_<TYPE>}. */
    public String topicSetting() {
        return "INDICATORS_TOPIC_" + jsonName.toUpperCase(Locale.ROOT);
    }

    public String caseKey(E event) {
        return caseKeyOf.apply(event);
    }

    public void check(E event, EventLimits limits, Consumer<FieldError> errors) {
        rules.check(event, limits, errors);
    }

    /** {@code event} as this type's record. */
    public E cast(SpecificRecord event) {
        return recordClass.cast(event);
    }
}
