package dev.indicators.bench;

import dev.indicators.contract.EventType;
import dev.indicators.contract.avro.CertificateEvent;
import dev.indicators.contract.avro.MediationEvent;
import dev.indicators.contract.avro.ReconsiderationEvent;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the recount needs of each published event, in arrival order, in a few primitive arrays (about 17 bytes an
 * event, so ten million events fit in a modest heap): its case, kind, state, region and {@code occurredAt}.
 * Not thread-safe: the publishing thread records, the recount reads afterwards.
 */
final class EventTape {

    static final byte RECONSIDERATION = 0;
    static final byte MEDIATION = 1;
    static final byte CERTIFICATE = 2;

    private int size;
    private int[] caseIndex;
    private byte[] kind;
    private byte[] state;
    private byte[] extra;
    private short[] region;
    private long[] at;

    private int cases;
    private byte[] caseKind = new byte[1024];
    private final Map<String, Short> regionIndexByCode = new HashMap<>();
    private final Map<String, Integer> caseBaseBySeed = new HashMap<>();
    private String[] regionCodes = new String[64];

    EventTape(long expected) {
        int capacity = (int) Math.min(Math.max(16, expected), Integer.MAX_VALUE - 16);
        caseIndex = new int[capacity];
        kind = new byte[capacity];
        state = new byte[capacity];
        extra = new byte[capacity];
        region = new short[capacity];
        at = new long[capacity];
    }

    /** Records one event; the state is the ordinal of its stage, status or action. */
    void record(SpecificRecord event) {
        if (size == caseIndex.length) grow();
        int i = size;
        if (event instanceof ReconsiderationEvent r) {
            caseIndex[i] = caseIndexOf(RECONSIDERATION, r.getCaseId());
            kind[i] = RECONSIDERATION;
            state[i] = (byte) r.getStage().ordinal();
            extra[i] = (byte) (r.getOutcome() == null ? -1 : r.getOutcome().ordinal());
            region[i] = regionIndexOf(r.getRegionCode());
            at[i] = r.getOccurredAt().toEpochMilli();
        } else if (event instanceof MediationEvent m) {
            caseIndex[i] = caseIndexOf(MEDIATION, m.getCaseId());
            kind[i] = MEDIATION;
            state[i] = (byte) m.getStatus().ordinal();
            extra[i] = (byte) (Boolean.TRUE.equals(m.getAgreementSigned()) ? 1 : 0);
            region[i] = regionIndexOf(m.getRegionCode());
            at[i] = m.getOccurredAt().toEpochMilli();
        } else if (event instanceof CertificateEvent c) {
            caseIndex[i] = caseIndexOf(CERTIFICATE, c.getCertificateNo());
            kind[i] = CERTIFICATE;
            state[i] = (byte) c.getAction().ordinal();
            extra[i] = 0;
            region[i] = regionIndexOf(c.getRegionCode());
            at[i] = c.getOccurredAt().toEpochMilli();
        } else if (EventType.of(event).isPresent()) {
            return; // a type the bench's recount does not count yet (litigation): its totals are not checked
        } else {
            throw new IllegalArgumentException("not an indicator event: " + event.getClass().getName());
        }
        size++;
    }

    int size() {
        return size;
    }

    int cases() {
        return cases;
    }

    int caseIndex(int i) {
        return caseIndex[i];
    }

    byte kind(int i) {
        return kind[i];
    }

    byte state(int i) {
        return state[i];
    }

    byte extra(int i) {
        return extra[i];
    }

    String region(int i) {
        return regionCodes[region[i]];
    }

    int regionIndex(int i) {
        return region[i];
    }

    String regionCode(int regionIndex) {
        return regionCodes[regionIndex];
    }

    int regionCount() {
        return regionIndexByCode.size();
    }

    long occurredAtMillis(int i) {
        return at[i];
    }

    /** A copy of this tape without the events of one case (what a recount that lost them would read). */
    EventTape withoutCase(int caseIndex) {
        EventTape copy = new EventTape(size);
        copy.regionCodes = regionCodes.clone();
        copy.regionIndexByCode.putAll(regionIndexByCode);
        copy.caseKind = caseKind.clone();
        copy.cases = cases;
        for (int i = 0; i < size; i++) {
            if (this.caseIndex[i] == caseIndex) continue;
            int j = copy.size++;
            copy.caseIndex[j] = this.caseIndex[i];
            copy.kind[j] = kind[i];
            copy.state[j] = state[i];
            copy.extra[j] = extra[i];
            copy.region[j] = region[i];
            copy.at[j] = at[i];
        }
        return copy;
    }

    /** Event positions grouped by case, each case's in arrival order: {@code order[start[c] .. start[c+1])}. */
    int[][] byCase() {
        int cases = cases();
        int[] start = new int[cases + 1];
        for (int i = 0; i < size; i++) start[caseIndex[i] + 1]++;
        for (int c = 0; c < cases; c++) start[c + 1] += start[c];
        int[] fill = Arrays.copyOf(start, cases);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) order[fill[caseIndex[i]]++] = i;
        return new int[][]{start, order};
    }

    /**
     * The simulator numbers its cases 1, 2, 3... across all types and ends every case key with that number
     * ({@code MD-310118-s42-00000017}), so the number is a dense index and no map of millions of keys is needed. Cases
     * of another simulator seed (the latency phase's) are numbered after every case known when the seed first appears.
     */
    private int caseIndexOf(byte type, String key) {
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
        if (caseKind[idx] == -1) caseKind[idx] = type;
        else if (caseKind[idx] != type) throw new IllegalArgumentException("case number " + no + " used by two kinds of case (" + key + ")");
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
        int capacity = (int) Math.min((long) caseIndex.length * 2, Integer.MAX_VALUE - 16);
        caseIndex = Arrays.copyOf(caseIndex, capacity);
        kind = Arrays.copyOf(kind, capacity);
        state = Arrays.copyOf(state, capacity);
        extra = Arrays.copyOf(extra, capacity);
        region = Arrays.copyOf(region, capacity);
        at = Arrays.copyOf(at, capacity);
    }
}
