package dev.indicators.app.lag;

import dev.indicators.contract.access.KafkaClientSecurity;
import dev.indicators.contract.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code indicators lag}: consumer-group lag per partition, in offsets and seconds, as a table. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Show consumer-group lag per partition, in offsets and in seconds (age of the next unread record).",
                "Without --group: the streams app's group (INDICATORS_APPLICATION_ID, default indicator-pipeline)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:lag shown", "2:Kafka could not be reached"})
public final class LagCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $INDICATORS_BOOTSTRAP_SERVERS or 127.0.0.1:9092)")
    String bootstrap;

    @Option(names = {"-g", "--group"}, description = "Consumer group(s) to show; repeatable")
    List<String> groups;

    @Option(names = "--all-groups", description = "Show every consumer group on the cluster")
    boolean allGroups;

    @Option(names = {"-w", "--watch"}, description = "Refresh every --interval seconds until Ctrl-C")
    boolean watch;

    @Option(names = "--interval", defaultValue = "2", description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE})")
    int intervalSeconds;

    private final PrintStream out;

    public LagCommand() {
        this(System.out);
    }

    LagCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.system();
        String servers = bootstrap != null ? bootstrap : settings.get("INDICATORS_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        try (ConsumerGroupLagSampler sampler = new ConsumerGroupLagSampler(servers, java.time.Clock.systemUTC(), KafkaClientSecurity.fromSettings(settings))) {
            do {
                List<String> shown;
                try {
                    shown = allGroups ? sampler.groups()
                            : groups != null && !groups.isEmpty() ? groups
                            : List.of(settings.get("INDICATORS_APPLICATION_ID", "indicator-pipeline"));
                    StringBuilder table = new StringBuilder();
                    for (String g : shown) table.append(render(sampler.sample(g)));
                    if (watch) out.print("\033[H\033[2J");
                    out.print(table);
                    out.flush();
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    System.err.println("indicators lag: Kafka at " + servers + " could not be reached: " + e.getMessage());
                    if (!watch) return 2;
                }
                if (watch) Thread.sleep(intervalSeconds * 1000L);
            } while (watch);
        }
        return 0;
    }

    static String render(GroupLag g) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "group %s  (sampled %s)%n", g.group(), g.sampledAt()));
        if (g.partitions().isEmpty()) {
            sb.append("  no committed offsets: the group does not exist or has not committed yet\n\n");
            return sb.toString();
        }
        int topicWidth = Math.max(5, g.partitions().stream().mapToInt(p -> p.topic().length()).max().orElse(5));
        String fmt = "  %-" + topicWidth + "s %9s %12s %12s %12s %10s %11s%n";
        sb.append(String.format(Locale.ROOT, fmt, "TOPIC", "PARTITION", "COMMITTED", "LOG-START", "LOG-END", "LAG", "LAG-SECONDS"));
        for (PartitionLag p : g.partitions()) {
            sb.append(String.format(Locale.ROOT, fmt, p.topic(), p.partition(),
                    p.committedOffset() < 0 ? "-" : Long.toString(p.committedOffset()),
                    p.logStartOffset(), p.endOffset(), p.offsetLag(), String.format(Locale.ROOT, "%.1f", p.secondsLag())));
            if (p.recordsLostToRetention() > 0) {
                sb.append(String.format(Locale.ROOT, "    ! %d records deleted by retention before this group read them%n", p.recordsLostToRetention()));
            }
        }
        sb.append(String.format(Locale.ROOT, "  total lag %d, max lag %d, max lag seconds %.1f%n%n", g.sumLag(), g.maxLag(), g.maxLagSeconds()));
        return sb.toString();
    }
}
