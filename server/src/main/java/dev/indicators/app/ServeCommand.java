package dev.indicators.app;

import dev.indicators.app.http.HttpOptions;
import dev.indicators.app.logging.JulBridge;
import dev.indicators.contract.Settings;
import dev.indicators.producer.cli.ConfigOptions;
import dev.indicators.producer.cli.SettingDefaults;
import dev.indicators.producer.publish.ConnectionOptions;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code indicators serve}: the production process. One instance of the streams app with the query API, ingest,
 * {@code /metrics}, {@code /health/*} and the dashboard on one port, against the configured Kafka cluster and
 * registry; no embedded broker or registry. Several instances with the same application id share the work and
 * answer every query (forwarding what another instance owns).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = SettingDefaults.class,
        description = {"Runs one instance of the pipeline against an existing Kafka cluster and schema registry until it gets SIGTERM or Ctrl-C.",
                "The instance counts the events of the input topics, answers the query API for every region (forwarding a query to the "
                        + "instance that owns the region when that is another one), accepts events on POST /api/v1/events, and serves "
                        + "/metrics, /health/live, /health/ready and the dashboard, all on one HTTP port.",
                "Settings come from a properties file (--config), then environment variables (INDICATORS_*), then -Dindicators.* "
                        + "system properties, then these options; docs/configuration.md lists them all. The input topics must exist."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C, or the configuration was printed",
                "2:the configuration is not valid", "3:Kafka, the topics or the HTTP port are not usable"})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    HttpOptions http = new HttpOptions();

    @Option(names = "--advertised-url", paramLabel = "URL", descriptionKey = "INDICATORS_HTTP_ADVERTISED_URL",
            description = "The URL other instances reach this one at; unset, it is http://<host>:<port>.")
    String advertisedUrl;

    @Option(names = "--instance-id", paramLabel = "NAME", descriptionKey = "INDICATORS_INSTANCE_ID",
            description = "This instance's name in metrics and health; unset, the advertised host:port.")
    String instanceId;

    @Option(names = "--application-id", paramLabel = "ID", descriptionKey = "INDICATORS_APPLICATION_ID",
            description = "The Kafka Streams application id, the same on every instance of one pipeline (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", descriptionKey = "INDICATORS_STATE_DIR",
            description = "The directory of this instance's local state; two instances on one machine need two (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--standby-replicas", paramLabel = "N", descriptionKey = "INDICATORS_NUM_STANDBY_REPLICAS",
            description = "Warm copies of each state store kept on other instances, so a failover restores less (default: ${DEFAULT-VALUE}).")
    Integer standbyReplicas;

    @Option(names = "--print-config",
            description = "Prints the effective value of every setting and where it came from (secrets masked), and exits.")
    boolean printConfig;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfiguration configuration;
        try {
            Settings settings = config.settings();
            configuration = ServerConfiguration.from(settings);
        } catch (RuntimeException e) {
            err.println("serve: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            configuration.printed().forEach(out::println);
            out.flush();
            return 0;
        }
        JulBridge.install();
        List<String> missing;
        try {
            missing = missingTopics(configuration);
        } catch (Exception e) {
            err.println("serve: Kafka at " + configuration.bootstrapServers() + " does not answer: " + e.getMessage());
            return 3;
        }
        if (!missing.isEmpty()) {
            err.println("serve: the topics " + missing + " do not exist on " + configuration.bootstrapServers()
                    + "; create them (docs/operations.md, Run in production) before starting the pipeline");
            return 3;
        }
        PipelineServer server;
        try {
            server = PipelineServer.start(configuration);
        } catch (RuntimeException e) {
            err.println("serve: cannot start: " + e.getMessage());
            return 3;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        out.println("indicators serve: instance " + configuration.instanceId() + " listening on " + server.baseUrl()
                + " (advertised " + configuration.advertisedUrl() + "; Kafka " + configuration.bootstrapServers()
                + "; registry " + configuration.registryUrl() + ")");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The input and output topics the pipeline needs that the cluster lacks. */
    private static List<String> missingTopics(ServerConfiguration configuration) throws Exception {
        Properties p = configuration.kafka().applyTo(new Properties());
        p.put("client.id", "indicators-serve-preflight");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var topics = configuration.streams().topics();
            return java.util.stream.Stream.concat(topics.inputs().stream(), java.util.stream.Stream.of(topics.deadLetter(), topics.totals()))
                    .filter(t -> !existing.contains(t)).toList();
        }
    }
}
