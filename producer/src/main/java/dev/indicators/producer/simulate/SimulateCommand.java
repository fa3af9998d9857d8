package dev.indicators.producer.simulate;

import dev.indicators.producer.cli.ConfigOptions;
import dev.indicators.producer.cli.SettingDefaults;
import dev.indicators.contract.Settings;
import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.EventJson;
import dev.indicators.contract.validation.EventLimits;
import dev.indicators.contract.validation.EventRules;
import dev.indicators.contract.validation.InvalidEventException;
import dev.indicators.producer.importer.ProgressReporter;
import dev.indicators.producer.publish.ConnectionOptions;
import dev.indicators.producer.publish.EventPublisher;
import dev.indicators.producer.publish.IndicatorPublisher;
import dev.indicators.producer.publish.PublishException;
import dev.indicators.producer.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** {@code indicators simulate}: generates realistic case events and publishes them (or writes them to a JSON Lines file). */
@Command(name = "simulate", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = {"Generates realistic case lifecycles of every event type over the region table, "
                + "deterministically from --seed, and publishes them to Kafka or writes them to --output as JSON Lines.",
                "For thousands of regions use --synthetic-regions N --write-regions FILE, and give the streams app the same "
                        + "table (INDICATORS_REGIONS_FILE=FILE): synthetic codes are invented and only valid against that table."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all events published (or written)", "1:some events were not published", "2:usage error",
                "3:Kafka or the schema registry could not be reached; stopped early"})
public class SimulateCommand implements Callable<Integer> {

    @Option(names = "--regions", paramLabel = "N", description = "use the first N case regions (counties, and cities without counties) of the table (default: all)")
    Integer regionCount;

    @Option(names = "--synthetic-regions", paramLabel = "COUNTIES", description = "use a SYNTHETIC table with this many counties (invented codes under real provinces) instead of the region table")
    Integer syntheticRegions;

    @Option(names = "--write-regions", paramLabel = "CSV", description = "with --synthetic-regions: write the synthetic table here (for INDICATORS_REGIONS_FILE)")
    Path writeRegions;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10000", description = "events to generate (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0", description = "events per second; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed; the same seed and options give the same events (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--from", paramLabel = "DATE", description = "first day (YYYY-MM-DD, Asia/Shanghai) or instant (default: 365 days before --to)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day (YYYY-MM-DD, included) or instant; never later than now (default: now)")
    String to;

    @Option(names = "--output", paramLabel = "FILE", description = "write the events as JSON Lines to FILE instead of publishing them")
    Path output;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "20000", description = "events sent but not yet acknowledged, at most (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "auto, bar, lines or none (default: ${DEFAULT-VALUE})")
    String progress;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    private Settings settings; // null: loaded by ConfigOptions when the command runs
    private Clock clock = Clock.systemUTC();

    public SimulateCommand withSettings(Settings s) {
        this.settings = s;
        return this;
    }

    public SimulateCommand withClock(Clock c) {
        this.clock = c;
        return this;
    }

    @Override
    public Integer call() {
        if (settings == null) settings = config.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = clock.instant();
        Instant toInstant;
        Instant fromInstant;
        ProgressReporter.Mode mode;
        try {
            toInstant = to == null ? now : parse(to, true);
            if (toInstant.isAfter(now)) toInstant = now; // events in the future would be refused
            fromInstant = from == null ? toInstant.minus(Duration.ofDays(365)) : parse(from, false);
            if (!fromInstant.isBefore(toInstant)) throw new IllegalArgumentException("--from must be before --to");
            if (fromInstant.isBefore(EventLimits.EARLIEST_DEFAULT)) throw new IllegalArgumentException("--from must not be before 2000-01-01");
            if (events < 0) throw new IllegalArgumentException("--events must not be negative");
            if (rate < 0) throw new IllegalArgumentException("--rate must not be negative");
            if (writeRegions != null && syntheticRegions == null) throw new IllegalArgumentException("--write-regions needs --synthetic-regions");
            mode = switch (progress.toLowerCase(Locale.ROOT)) {
                case "auto" -> ProgressReporter.Mode.auto();
                case "bar" -> ProgressReporter.Mode.BAR;
                case "lines" -> ProgressReporter.Mode.LINES;
                case "none" -> ProgressReporter.Mode.NONE;
                default -> throw new IllegalArgumentException("--progress must be auto, bar, lines or none");
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }

        RegionTable table;
        try {
            if (syntheticRegions != null) {
                table = SyntheticRegions.generate(syntheticRegions);
                if (writeRegions != null) {
                    SyntheticRegions.write(syntheticRegions, writeRegions);
                    err.println("simulate: wrote the SYNTHETIC region table (" + table.size() + " regions) to " + writeRegions
                            + "; run the streams app with INDICATORS_REGIONS_FILE=" + writeRegions.toAbsolutePath());
                } else if (output == null) {
                    err.println("simulate: note: synthetic region codes are only valid where the streams app uses the same table (--write-regions FILE)");
                }
            } else {
                table = connection.regions(settings);
            }
        } catch (RuntimeException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        List<Region> regions = CaseSimulator.caseRegions(table);
        if (regionCount != null) {
            if (regionCount < 1) {
                err.println("simulate: --regions must be at least 1");
                return 2;
            }
            regions = regions.subList(0, Math.min(regionCount, regions.size()));
        }
        if (regions.isEmpty()) {
            err.println("simulate: the region table has no county or city to simulate");
            return 2;
        }
        CaseSimulator simulator = new CaseSimulator(regions, seed, fromInstant, toInstant);
        Iterator<SpecificRecord> it = simulator.events(events);
        ProgressReporter progressReporter = ProgressReporter.forEvents(mode, err, "simulate", events);
        long start = System.nanoTime();
        err.println("simulate: " + String.format(Locale.ROOT, "%,d", events) + " events over " + regions.size() + " regions, "
                + fromInstant + " .. " + toInstant + ", seed " + seed + (rate > 0 ? ", " + rate + " events/s" : ""));
        err.flush();

        if (output != null) {
            try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                long i = 0;
                while (it.hasNext()) {
                    pace(i, start);
                    w.write(EventJson.toJson(it.next()).toString());
                    w.write('\n');
                    i++;
                    progressReporter.update(i, i);
                }
                progressReporter.finish(i, i);
            } catch (IOException e) {
                err.println("simulate: cannot write " + output + ": " + e.getMessage());
                return 2;
            }
            out.println("wrote " + String.format(Locale.ROOT, "%,d", events) + " events to " + output
                    + String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - start) / 1e9));
            out.flush();
            return 0;
        }

        EventRules rules = new EventRules(table, EventLimits.fromSettings(settings), Clock.systemUTC());
        PublisherSettings ps = connection.publisherSettings(settings).withClientId("indicators-simulator");
        AtomicLong published = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<PublishException> stop = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(Math.max(1, maxInFlight));
        long sent = 0;
        try (EventPublisher publisher = IndicatorPublisher.create(ps, rules, new SimpleMeterRegistry())) {
            while (it.hasNext() && stop.get() == null) {
                pace(sent, start);
                SpecificRecord e = it.next();
                inFlight.acquireUninterruptibly();
                try {
                    publisher.publish(e).whenComplete((r, ex) -> {
                        if (ex == null) {
                            published.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            Throwable c = ex.getCause() != null && !(ex instanceof PublishException) ? ex.getCause() : ex;
                            if (c instanceof PublishException p && p.unavailable()) stop.compareAndSet(null, p);
                            else if (failed.get() <= 10) err.println("simulate: " + c.getMessage());
                        }
                        inFlight.release();
                    });
                } catch (InvalidEventException ex) {
                    inFlight.release();
                    failed.incrementAndGet();
                    err.println("simulate: generated an invalid event (a bug): " + ex.getMessage());
                }
                sent++;
                progressReporter.update(sent, sent);
            }
            publisher.flush();
            inFlight.acquireUninterruptibly(Math.max(1, maxInFlight));
        } catch (RuntimeException e) {
            err.println("simulate: cannot publish: " + e.getMessage());
            return 3;
        }
        progressReporter.finish(sent, sent);
        double secs = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "published %,d events (%,d failed) in %.1f s, %,.0f events/s",
                published.get(), failed.get(), secs, published.get() / Math.max(secs, 1e-9)));
        out.flush();
        if (stop.get() != null) {
            err.println("simulate: stopped: Kafka or the schema registry cannot be reached: " + PublishException.describe(stop.get().getCause()));
            return 3;
        }
        return failed.get() == 0 ? 0 : 1;
    }

    private void pace(long i, long startNanos) {
        if (rate <= 0) return;
        long due = startNanos + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Instant parse(String text, boolean endOfDay) {
        String t = text.trim();
        if (t.length() == 10) {
            LocalDate d = LocalDate.parse(t);
            return (endOfDay ? d.plusDays(1).atStartOfDay(CaseSimulator.CHINA).minusSeconds(1) : d.atStartOfDay(CaseSimulator.CHINA)).toInstant();
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(t);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }
}
