package dev.indicators.app.targets;

import dev.indicators.app.live.TotalChange;
import dev.indicators.streams.totals.Period;
import dev.indicators.streams.totals.PeriodKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Evaluates the targets on every changed total (a listener of the totals feed) and publishes an alert when a target's
 * status for a period flips (met / missed / no data). The last status of each target and period is restored from the
 * alerts topic at start, so a restart does not announce again what was already announced; a target never evaluated
 * counts as "no data", so the first value it gets is a flip. Several instances each publish the same flip; the
 * topic's key (compaction) makes the repeats harmless.
 */
public final class TargetWatch implements Consumer<TotalChange> {

    private static final Logger log = LoggerFactory.getLogger(TargetWatch.class);
    private static final int RECENT = 200;

    private final Map<String, List<Target>> byRegionAndIndicator = new HashMap<>();
    private final List<Target> targets;
    private final Consumer<TargetAlert> publish;
    private final Clock clock;
    private final Map<String, TargetStatus> last = new ConcurrentHashMap<>();
    private final Deque<TargetAlert> recent = new ArrayDeque<>();

    public TargetWatch(List<Target> targets, Consumer<TargetAlert> publish, Clock clock) {
        this.targets = List.copyOf(targets);
        this.publish = publish;
        this.clock = clock;
        for (Target t : targets) byRegionAndIndicator.computeIfAbsent(t.region() + "|" + t.indicator(), k -> new ArrayList<>()).add(t);
    }

    public List<Target> targets() {
        return targets;
    }

    /** The targets of a region for periods of one kind. */
    public List<Target> targetsOf(String region, PeriodKind kind) {
        return targets.stream().filter(t -> t.region().equals(region) && t.periodKind() == kind).toList();
    }

    /** Takes in alerts published before (oldest first): their statuses are the ones a flip is measured against. */
    public void restore(List<TargetAlert> published) {
        for (TargetAlert a : published) {
            last.put(a.key(), a.status());
            remember(a);
        }
        log.info("targets: {} loaded, {} statuses restored from earlier alerts", targets.size(), last.size());
    }

    @Override
    public void accept(TotalChange change) {
        List<Target> candidates = byRegionAndIndicator.get(change.region() + "|" + change.indicator());
        if (candidates == null) return;
        PeriodKind kind = Period.parse(change.period()).kind();
        for (Target t : candidates) {
            if (t.periodKind() != kind) continue;
            TargetEvaluation e = TargetEvaluation.of(t, change.period(), change.value(), change.numerator(), change.denominator());
            String key = TargetAlert.keyOf(t, change.period());
            TargetStatus before = last.getOrDefault(key, TargetStatus.NO_DATA);
            last.put(key, e.status());
            if (before == e.status()) continue;
            TargetAlert alert = new TargetAlert(key, t.region(), t.indicator(), change.period(), t.comparison().symbol(), t.threshold(),
                    e.status(), before, e.value(), e.numerator(), e.denominator(), t.source(), change.updatedAt(), clock.instant().toString());
            remember(alert);
            publish.accept(alert);
        }
    }

    private synchronized void remember(TargetAlert a) {
        recent.addFirst(a);
        while (recent.size() > RECENT) recent.removeLast();
    }

    /** The latest alerts this process knows of (newest first), of a region or of any region when {@code region} is null. */
    public synchronized List<TargetAlert> recentAlerts(String region, int limit) {
        return recent.stream().filter(a -> region == null || a.region().equals(region)).limit(limit).toList();
    }

}
