package dev.indicators.testkit.recount;

import dev.indicators.contract.EventType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the recount needs of each event, in arrival order, in a few primitive arrays (about 19 bytes an event, so ten
 * million events fit in a modest heap): its case, type, region, {@code occurredAt} and the fields its type's rules read
 * ({@link RecountRules}), each as one byte (an enum's ordinal in the Avro schema, 1 / 0 for a boolean, -1 for none).
 * Every type of {@link EventType} is recorded. Not thread-safe: one thread records, the recount reads afterwards.
 */
public final class EventTape {

    private static final EventType[] TYPES = EventType.values();
    private static final int W = RecountRules.MAX_FIELDS;
    /** per type, per field read: the Avro field, and its enum schema (null for a boolean) */
    private static final Schema.Field[][] FIELDS = new Schema.Field[TYPES.length][];
    private static final Schema[][] ENUMS = new Schema[TYPES.length][];

    static {
        for (EventType t : TYPES) {
            Schema schema = t.descriptor().schema();
            List<String> names = RecountRules.of(t).fields();
            FIELDS[t.ordinal()] = new Schema.Field[names.size()];
            ENUMS[t.ordinal()] = new Schema[names.size()];
            for (int k = 0; k < names.size(); k++) {
                Schema.Field f = schema.getField(names.get(k));
                if (f == null) throw new IllegalStateException("the recount reads " + t.jsonName() + "." + names.get(k) + ", which the schema lacks");
                FIELDS[t.ordinal()][k] = f;
                ENUMS[t.ordinal()][k] = enumOf(f.schema());
            }
        }
    }

    private static Schema enumOf(Schema s) {
        if (s.getType() == Schema.Type.ENUM) return s;
        if (s.getType() == Schema.Type.UNION) {
            for (Schema branch : s.getTypes()) if (branch.getType() == Schema.Type.ENUM) return branch;
        }
        return null;
    }

    private final boolean simulatorKeys;
    private int size;
    private int[] caseIndex;
    private byte[] kind;
    private byte[] values;
    private short[] region;
    private long[] at;

    private int cases;
    private byte[] caseKind = new byte[1024];
    private final Map<String, Short> regionIndexByCode = new HashMap<>();
    private final Map<String, Integer> caseBaseBySeed = new HashMap<>();
    private final Map<String, Integer> caseIndexByKey = new HashMap<>();
    private String[] regionCodes = new String[64];

    private EventTape(long expected, boolean simulatorKeys) {
        this.simulatorKeys = simulatorKeys;
        int capacity = (int) Math.min(Math.max(16, expected), Integer.MAX_VALUE / W - 16);
        caseIndex = new int[capacity];
        kind = new byte[capacity];
        values = new byte[capacity * W];
        region = new short[capacity];
        at = new long[capacity];
    }

    /**
     * A tape for the simulator's events, whose case keys end in a case number ({@code MD-310118-s42-00000017}): the
     * number is the case's index, so no map of millions of keys is needed.
     */
    public static EventTape forSimulatedCases(long expected) {
        return new EventTape(expected, true);
    }

    /** A tape for events with any case keys (specifications, samples, random histories). */
    public static EventTape forAnyCases() {
        return new EventTape(16, false);
    }

    /** Records one event, of any type of {@link EventType}. */
    public void record(SpecificRecord event) {
        EventType type = EventType.of(event).orElseThrow(() -> new IllegalArgumentException("not an indicator event: " + event.getClass().getName()));
        if (size == caseIndex.length) grow();
        int i = size;
        int t = type.ordinal();
        caseIndex[i] = simulatorKeys ? simulatedCaseIndexOf(type, EventType.caseKeyOf(event)) : keyedCaseIndexOf(type, EventType.caseKeyOf(event));
        kind[i] = (byte) t;
        Schema.Field[] fields = FIELDS[t];
        for (int k = 0; k < W; k++) values[i * W + k] = k < fields.length ? encode(event.get(fields[k].pos()), ENUMS[t][k]) : -1;
        region[i] = regionIndexOf(event.get(event.getSchema().getField("regionCode").pos()).toString());
        at[i] = occurredAtMillis(event);
        size++;
    }

    /** The {@code occurredAt} of any indicator event, in epoch milliseconds. */
    public static long occurredAtMillis(SpecificRecord event) {
        return ((java.time.Instant) event.get(event.getSchema().getField("occurredAt").pos())).toEpochMilli();
    }

    private static byte encode(Object value, Schema enumSchema) {
        if (value == null) return -1;
        if (value instanceof Boolean b) return (byte) (b ? 1 : 0);
        if (value instanceof Enum<?> e) return (byte) e.ordinal();
        if (value instanceof GenericEnumSymbol<?> g && enumSchema != null) return (byte) enumSchema.getEnumOrdinal(g.toString());
        throw new IllegalArgumentException("the recount reads enums and booleans, not " + value.getClass().getName());
    }

    public int size() {
        return size;
    }

    /** How many case indexes are in use (the highest case index + 1). */
    public int cases() {
        return cases;
    }

    public int caseIndex(int i) {
        return caseIndex[i];
    }

    public EventType type(int i) {
        return TYPES[kind[i]];
    }

    public String region(int i) {
        return regionCodes[region[i]];
    }

    public long occurredAtMillis(int i) {
        return at[i];
    }

    /** How many distinct regions the events name. */
    public int regionCount() {
        return regionIndexByCode.size();
    }

    /** The code of the {@code regionIndex}-th distinct region the events name. */
    public String regionCode(int regionIndex) {
        return regionCodes[regionIndex];
    }

    /** The enum symbol of a field the type's rules read, or null. */
    String symbol(int i, String field) {
        int t = kind[i];
        int k = fieldIndex(t, field);
        byte v = values[i * W + k];
        if (v < 0) return null;
        Schema e = ENUMS[t][k];
        if (e == null) throw new IllegalArgumentException(field + " is not an enum");
        return e.getEnumSymbols().get(v);
    }

    boolean flag(int i, String field) {
        return values[i * W + fieldIndex(kind[i], field)] == 1;
    }

    private static int fieldIndex(int type, String field) {
        Schema.Field[] fields = FIELDS[type];
        for (int k = 0; k < fields.length; k++) if (fields[k].name().equals(field)) return k;
        throw new IllegalArgumentException("the recount's rules of " + TYPES[type].jsonName() + " do not read " + field);
    }

    /** A copy of this tape without the events of one case (what a recount that lost them would read). */
    public EventTape withoutCase(int caseIndex) {
        EventTape copy = new EventTape(size, simulatorKeys);
        copy.regionCodes = regionCodes.clone();
        copy.regionIndexByCode.putAll(regionIndexByCode);
        copy.caseKind = caseKind.clone();
        copy.cases = cases;
        for (int i = 0; i < size; i++) {
            if (this.caseIndex[i] == caseIndex) continue;
            int j = copy.size++;
            copy.caseIndex[j] = this.caseIndex[i];
            copy.kind[j] = kind[i];
            System.arraycopy(values, i * W, copy.values, j * W, W);
            copy.region[j] = region[i];
            copy.at[j] = at[i];
        }
        return copy;
    }

    /** Event positions grouped by case, each case's in arrival order: {@code order[start[c] .. start[c+1])}. */
    int[][] byCase() {
        int[] start = new int[cases + 1];
        for (int i = 0; i < size; i++) start[caseIndex[i] + 1]++;
        for (int c = 0; c < cases; c++) start[c + 1] += start[c];
        int[] fill = Arrays.copyOf(start, cases);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) order[fill[caseIndex[i]]++] = i;
        return new int[][]{start, order};
    }

    private int keyedCaseIndexOf(EventType type, String key) {
        return caseIndexByKey.computeIfAbsent(type.jsonName() + "|" + key, k -> cases++);
    }

    /**
     * The simulator numbers its cases 1, 2, 3... across all types and ends every case key with that number
     * ({@code MD-310118-s42-00000017}), so the number is a dense index. Cases of another simulator seed (the latency
     * phase's) are numbered after every case known when the seed first appears.
     */
    private int simulatedCaseIndexOf(EventType type, String key) {
        int dash = key.lastIndexOf('-');
        int seedDash = dash > 0 ? key.lastIndexOf('-', dash - 1) : -1;
        String seed = seedDash >= 0 ? key.substring(seedDash + 1, dash) : "";
        Integer base = caseBaseBySeed.get(seed);
        if (base == null) {
            base = cases;
            caseBaseBySeed.put(seed, base);
        }
        long no;
        try {
            no = Long.parseLong(key.substring(dash + 1)) + base;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the recount expects the simulator's case keys (ending in the case number), not " + key);
        }
        if (no < 1 || no > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("case number out of range in " + key);
        int idx = (int) (no - 1);
        if (idx >= caseKind.length) caseKind = Arrays.copyOf(caseKind, Math.max(idx + 1, caseKind.length * 2));
        if (idx >= cases) {
            Arrays.fill(caseKind, cases, idx + 1, (byte) -1);
            cases = idx + 1;
        }
        byte t = (byte) type.ordinal();
        if (caseKind[idx] == -1) caseKind[idx] = t;
        else if (caseKind[idx] != t) throw new IllegalArgumentException("case number " + no + " used by two kinds of case (" + key + ")");
        return idx;
    }

    private short regionIndexOf(String code) {
        Short idx = regionIndexByCode.get(code);
        if (idx != null) return idx;
        int next = regionIndexByCode.size();
        if (next >= Short.MAX_VALUE) throw new IllegalStateException("more than " + Short.MAX_VALUE + " regions");
        if (next == regionCodes.length) regionCodes = Arrays.copyOf(regionCodes, next * 2);
        regionCodes[next] = code;
        regionIndexByCode.put(code, (short) next);
        return (short) next;
    }

    private void grow() {
        int capacity = (int) Math.min((long) caseIndex.length * 2, Integer.MAX_VALUE / W - 16);
        caseIndex = Arrays.copyOf(caseIndex, capacity);
        kind = Arrays.copyOf(kind, capacity);
        values = Arrays.copyOf(values, capacity * W);
        region = Arrays.copyOf(region, capacity);
        at = Arrays.copyOf(at, capacity);
    }
}
