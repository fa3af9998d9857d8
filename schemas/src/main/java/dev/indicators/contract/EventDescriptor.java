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
import java.util.function.Consumer;

/**
 * Everything the pipeline knows about one event type, in one place: its Avro record (whose schema is also its JSON form
 * and its registry subject), the field that keys its case, its topic, the rules beyond the schema, its indicators, its
 * counting rules and the lifecycle the simulator plays. {@link EventType} lists the descriptors; the publishing paths,
 * the streams app, the registry provisioning and the simulator read every type-specific fact from here, so a new type
 * is a new descriptor (docs/development.md, "Add an event type").
 *
 * @param <E> the generated Avro class of the type's events
 */
public interface EventDescriptor<E extends SpecificRecord> {

    /** The value of the JSON field {@code type}, e.g. {@code reconsideration}; also the middle of the topic name. */
    String jsonName();

    /** The field whose value keys the Kafka record, so every event of one case lands on one partition. */
    String caseKeyField();

    /** The generated Avro class; its schema is the contract of the type's topic. */
    Class<E> recordClass();

    default Schema schema() {
        return SpecificData.get().getSchema(recordClass());
    }

    /** {@code indicators.<type>.v1}. */
    default String defaultTopic() {
        return "indicators." + jsonName() + ".v1";
    }

    /** The setting that renames the type's topic, {@code INDICATORS_TOPIC_<TYPE>}. */
    default String topicSetting() {
        return "INDICATORS_TOPIC_" + jsonName().toUpperCase(Locale.ROOT);
    }

    /** The value of {@link #caseKeyField()} in {@code event}. */
    default String caseKey(E event) {
        return (String) event.get(schema().getField(caseKeyField()).pos());
    }

    /**
     * The type's rules beyond the schema and the fields every type shares (the case key is checked as an id already):
     * each violation handed to {@code errors}, naming the field and the value.
     */
    void check(E event, EventLimits limits, Consumer<FieldError> errors);

    /** The type's indicators in the order the query API lists them; every name starts with {@link #indicatorPrefix()}. */
    List<IndicatorName> indicators();

    /** The first word of the type's indicator names ({@code certificates} for the type {@code certificate}). */
    default String indicatorPrefix() {
        return jsonName();
    }

    /** The counting rules: what a case counts for, as a pure function of its distinct events. */
    CaseCounting counting();

    /** How the simulator plays a case of this type, and how often the type's cases start. */
    CaseLifecycle lifecycle();

    /** The descriptor of {@code event}'s class, typed. */
    @SuppressWarnings("unchecked")
    default E cast(SpecificRecord event) {
        return recordClass().cast(event);
    }
}
