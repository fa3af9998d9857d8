package dev.indicators.streams.intake;

import dev.indicators.contract.EventType;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.cases.CaseCount;
import dev.indicators.contract.cases.CaseCounting;
import dev.indicators.contract.cases.CaseCounts;
import dev.indicators.contract.cases.CaseFact;
import dev.indicators.contract.cases.CaseState;
import dev.indicators.contract.cases.EventFingerprint;
import dev.indicators.streams.change.PendingChanges;
import dev.indicators.streams.codec.AvroBinary;
import dev.indicators.streams.codec.EventCodec;
import dev.indicators.streams.codec.RegistryUnavailableException;
import dev.indicators.streams.commit.BeforeCommit;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.deadletter.DeadLetterReason;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.region.RegionIndex;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The case stage for one event type, on the partitions of its input topic (keyed by case, so all events of a case
 * meet here, in log order):
 * <ol>
 *   <li>read the bytes ({@link EventCodec}); unreadable → dead letter {@code deserialization};</li>
 *   <li>check the contract ({@link EventRules}, the event's type against the topic's) → {@code validation};</li>
 *   <li>check the record key is the event's caseId / certificateNo → {@code key-mismatch};</li>
 *   <li>read the case's state (one read): an eventId it already holds with the same fingerprint is a re-send (skipped,
 *       counted as a duplicate), with another fingerprint an {@code event-id-conflict};</li>
 *   <li>otherwise add the event to the state (one write) and note the difference of the case's counts before and
 *       after, in the case's own region ({@link PendingChanges}).</li>
 * </ol>
 * Before each commit of the task ({@link BeforeCommit}) the noted changes go out as one batch record per routing key,
 * in the commit's transaction, so they are committed together with the case states they come from.
 */
public final class CaseEventProcessor implements Processor<byte[], byte[], String, CaseOutput> {

    private final EventType type;
    private final EventCodec codec;
    private final EventRules rules;
    private final CaseCounting counting;
    private final RegionIndex regions;
    private final PipelineMetrics metrics;
    private final String caseStoreName;
    private final String signalStoreName;

    private ProcessorContext<String, CaseOutput> context;
    private KeyValueStore<String, CaseState> cases;
    private PendingChanges pending;
    private BeforeCommit beforeCommit;

    public CaseEventProcessor(EventType type, EventCodec codec, EventRules rules, CaseCounting counting, RegionIndex regions,
                              PipelineMetrics metrics, String caseStoreName, String signalStoreName) {
        this.type = type;
        this.codec = codec;
        this.rules = rules;
        this.counting = counting;
        this.regions = regions;
        this.metrics = metrics;
        this.caseStoreName = caseStoreName;
        this.signalStoreName = signalStoreName;
    }

    @Override
    public void init(ProcessorContext<String, CaseOutput> context) {
        this.context = context;
        this.cases = context.getStateStore(caseStoreName);
        this.pending = new PendingChanges(regions);
        this.beforeCommit = BeforeCommit.attach(context, context.getStateStore(signalStoreName), this::sendChanges);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse(null);

        SpecificRecord event;
        try {
            event = codec.decode(type, topic, record.headers(), record.value());
        } catch (RegistryUnavailableException e) {
            throw e; // not the record's fault: stop, and retry from the last commit
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.DESERIALIZATION, describe(e));
            return;
        }
        EventType actual;
        try {
            actual = EventJson.typeOf(event);
        } catch (IllegalArgumentException e) {
            deadLetter(record, DeadLetterReason.VALIDATION, "not an indicator event: " + event.getSchema().getFullName());
            return;
        }
        if (actual != type) {
            deadLetter(record, DeadLetterReason.VALIDATION, "a " + actual.jsonName() + " event on the " + type.jsonName() + " topic");
            return;
        }
        List<FieldError> errors = rules.check(event);
        if (!errors.isEmpty()) {
            deadLetter(record, DeadLetterReason.VALIDATION, errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
            return;
        }
        Optional<String> refusal = provenanceRefusal(record, event);
        if (refusal.isPresent()) {
            deadLetter(record, DeadLetterReason.PROVENANCE, refusal.get());
            return;
        }
        String caseKey = EventJson.caseKey(event);
        String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!caseKey.equals(recordKey)) {
            deadLetter(record, DeadLetterReason.KEY_MISMATCH, "record key " + (recordKey == null ? "is null" : "'" + recordKey + "'")
                    + " but the event's " + type.caseKeyField() + " is '" + caseKey + "': events are keyed by " + type.caseKeyField()
                    + " so that all events of a case share a partition");
            return;
        }

        CaseFact fact;
        CaseState state;
        CaseState updated;
        Map<CaseCount, Integer> change;
        try {
            fact = counting.factOf(event, EventFingerprint.of(AvroBinary.encode(event)));
            state = Optional.ofNullable(cases.get(caseKey)).orElse(CaseState.EMPTY);
            Optional<CaseFact> known = state.find(fact.eventId());
            if (known.isPresent()) {
                if (known.get().fingerprint().sameAs(fact.fingerprint())) {
                    metrics.duplicate(type);
                } else {
                    deadLetter(record, DeadLetterReason.EVENT_ID_CONFLICT, "eventId '" + fact.eventId() + "' is already in the history of "
                            + type.caseKeyField() + " '" + caseKey + "' with different content; a corrected event needs a new eventId");
                }
                return;
            }
            updated = state.with(fact);
            change = CaseCounts.difference(counting.count(state), counting.count(updated));
        } catch (RuntimeException e) {
            // nothing has been written yet: the event is refused whole, and the case stays as it was
            deadLetter(record, DeadLetterReason.PROCESSING_ERROR, describe(e));
            return;
        }
        cases.put(caseKey, updated);
        metrics.processed(type);
        if (isLate(fact, record.timestamp())) metrics.late(type);
        if (!change.isEmpty()) {
            change.forEach((count, delta) -> pending.add(count.regionCode(), count.indicator(), count.day(), delta, record.timestamp()));
            beforeCommit.arm(); // last: should the cache flush right here, it sends these changes too
        }
    }

    /**
     * The provenance rule: a {@code published-by} principal must be the event's {@code department}. Records without the
     * header (the open mode, producers of before) are not checked.
     */
    static Optional<String> provenanceRefusal(Record<byte[], byte[]> record, SpecificRecord event) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(dev.indicators.contract.access.Provenance.PUBLISHED_BY);
        if (header == null || header.value() == null) return Optional.empty();
        String publishedBy = new String(header.value(), StandardCharsets.UTF_8);
        String department = String.valueOf(event.get(event.getSchema().getField("department").pos()));
        return publishedBy.equals(department) ? Optional.empty()
                : Optional.of("published by '" + publishedBy + "' but the event's department is '" + department
                + "': a principal may only publish its own department's events");
    }

    /** Sends the changes noted since the last commit, as the commit's last records. */
    private void sendChanges() {
        for (PendingChanges.Batch b : pending.drain()) {
            context.forward(new Record<>(b.routingKey(), CaseOutput.of(b.changes()), b.earliestTimestamp(), new RecordHeaders()));
        }
    }

    /** Late: the event's Asia/Shanghai day had already ended when its record was written (record timestamp). */
    static boolean isLate(CaseFact fact, long recordTimestamp) {
        LocalDate arrivalDay = LocalDate.ofInstant(Instant.ofEpochMilli(recordTimestamp), EventJson.CHINA);
        return fact.day().isBefore(arrivalDay);
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String detail) {
        DeadLetter letter = DeadLetter.of(record.key(), record.value(), record.headers(), reason, detail, context.recordMetadata(), type);
        metrics.deadLettered(type, reason);
        context.forward(new Record<>(null, CaseOutput.of(letter), record.timestamp(), letter.headers()));
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            if (!b.isEmpty()) b.append(" <- ");
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) b.append(": ").append(t.getMessage());
        }
        return b.toString();
    }
}
