package dev.indicators.streams.cases;

import dev.indicators.contract.EventType;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.streams.codec.AvroBinary;
import dev.indicators.streams.codec.EventCodec;
import dev.indicators.streams.codec.RegistryUnavailableException;
import dev.indicators.streams.deadletter.DeadLetter;
import dev.indicators.streams.deadletter.DeadLetterReason;
import dev.indicators.streams.dedupe.EventFingerprint;
import dev.indicators.streams.dedupe.EventIdLedger;
import dev.indicators.streams.metrics.PipelineMetrics;
import dev.indicators.streams.region.RollUp;
import dev.indicators.streams.totals.Contribution;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The front of the pipeline for one event type, on the partitions of its input topic (keyed by case, so all events of
 * a case meet here, in log order):
 * <ol>
 *   <li>read the bytes ({@link EventCodec}); unreadable → dead letter {@code deserialization};</li>
 *   <li>check the contract ({@link EventRules}, the event's type against the topic's) → {@code validation};</li>
 *   <li>check the record key is the event's caseId / certificateNo → {@code key-mismatch};</li>
 *   <li>de-duplicate by eventId within the horizon ({@link EventIdLedger}): same content → skipped and counted as a
 *       duplicate, different content → {@code event-id-conflict};</li>
 *   <li>add the event to the case's history (where an eventId seen beyond the horizon is caught the same way), and
 *       emit the difference of the case's counts before and after, rolled up to every ancestor region.</li>
 * </ol>
 */
public final class CaseEventProcessor implements Processor<byte[], byte[], String, Routed> {

    private final EventType type;
    private final EventCodec codec;
    private final EventRules rules;
    private final CaseCounting counting;
    private final RollUp rollUp;
    private final PipelineMetrics metrics;
    private final String ledgerStoreName;
    private final String caseStoreName;

    private ProcessorContext<String, Routed> context;
    private EventIdLedger ledger;
    private KeyValueStore<String, CaseHistory> cases;

    public CaseEventProcessor(EventType type, EventCodec codec, EventRules rules, CaseCounting counting, RollUp rollUp,
                              PipelineMetrics metrics, String ledgerStoreName, String caseStoreName) {
        this.type = type;
        this.codec = codec;
        this.rules = rules;
        this.counting = counting;
        this.rollUp = rollUp;
        this.metrics = metrics;
        this.ledgerStoreName = ledgerStoreName;
        this.caseStoreName = caseStoreName;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        WindowStore<String, byte[]> ledgerStore = context.getStateStore(ledgerStoreName);
        this.ledger = new EventIdLedger(ledgerStore);
        this.cases = context.getStateStore(caseStoreName);
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
        String caseKey = EventJson.caseKey(event);
        String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!caseKey.equals(recordKey)) {
            deadLetter(record, DeadLetterReason.KEY_MISMATCH, "record key " + (recordKey == null ? "is null" : "'" + recordKey + "'")
                    + " but the event's " + type.caseKeyField() + " is '" + caseKey + "': events are keyed by " + type.caseKeyField()
                    + " so that all events of a case share a partition");
            return;
        }

        byte[] content = AvroBinary.encode(event);
        EventFingerprint fingerprint = EventFingerprint.of(content);
        String eventId = new CaseEvent(0, content, event).eventId();
        EventIdLedger.Verdict verdict = ledger.check(eventId, fingerprint);
        if (verdict instanceof EventIdLedger.Duplicate) {
            metrics.duplicate(type);
            return;
        }
        if (verdict instanceof EventIdLedger.Conflict c) {
            deadLetter(record, DeadLetterReason.EVENT_ID_CONFLICT, "eventId '" + eventId + "' was first seen at " + c.firstSeen()
                    + " with different content; a corrected event needs a new eventId");
            return;
        }

        CaseHistory history = Optional.ofNullable(cases.get(caseKey)).orElse(CaseHistory.EMPTY);
        Optional<CaseEvent> known = history.find(eventId);
        if (known.isPresent()) {
            if (known.get().sameContent(content)) {
                metrics.duplicate(type);
            } else {
                deadLetter(record, DeadLetterReason.EVENT_ID_CONFLICT, "eventId '" + eventId + "' is already in the history of "
                        + type.caseKeyField() + " '" + caseKey + "' with different content; a corrected event needs a new eventId");
            }
            return;
        }

        CaseHistory updated = history.with(event, content);
        List<Contribution> contributions = new ArrayList<>();
        try {
            Map<CaseCount, Integer> change = CaseCounts.difference(counting.count(history), counting.count(updated));
            change.forEach((count, delta) -> contributions.addAll(rollUp.expand(count, delta)));
        } catch (RuntimeException e) {
            // nothing has been written yet: the event is refused whole, and the case stays as it was
            deadLetter(record, DeadLetterReason.PROCESSING_ERROR, describe(e));
            return;
        }
        cases.put(caseKey, updated);
        ledger.record(eventId, fingerprint, record.timestamp());
        metrics.processed(type);
        if (isLate(event, record.timestamp())) metrics.late(type);
        for (Contribution c : contributions) {
            context.forward(new Record<>(c.routingKey(), (Routed) c, record.timestamp(), new RecordHeaders()));
        }
    }

    /** Late: the event's Asia/Shanghai day had already ended when its record was written (record timestamp). */
    static boolean isLate(SpecificRecord event, long recordTimestamp) {
        LocalDate eventDay = new CaseEvent(0, new byte[0], event).day();
        LocalDate arrivalDay = LocalDate.ofInstant(Instant.ofEpochMilli(recordTimestamp), EventJson.CHINA);
        return eventDay.isBefore(arrivalDay);
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String detail) {
        DeadLetter letter = DeadLetter.of(record.key(), record.value(), record.headers(), reason, detail, context.recordMetadata(), type);
        metrics.deadLettered(type, reason);
        context.forward(new Record<String, Routed>(null, letter, record.timestamp(), letter.headers()));
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
