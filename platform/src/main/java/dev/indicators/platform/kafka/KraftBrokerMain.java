package dev.indicators.platform.kafka;

import dev.indicators.platform.process.ParentWatch;
import kafka.tools.StorageTool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the broker child JVM: formats the log directory on first start (what {@code kafka-storage.sh format}
 * does), then runs {@code kafka.Kafka}. One JVM instead of two saves a second or two per fresh stack.
 * It also exits when the JVM that started it has gone ({@link ParentWatch}), so a killed test run leaves no broker behind.
 *
 * <p>Arguments: {@code <server.properties> <cluster id>}.
 */
public final class KraftBrokerMain {

    private KraftBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KraftBrokerMain <server.properties> <cluster id>");
            System.exit(2);
        }
        String serverProperties = args[0];
        String clusterId = args[1];
        ParentWatch.exitWithParent();

        Properties props = new Properties();
        try (var in = Files.newBufferedReader(Path.of(serverProperties))) {
            props.load(in);
        }
        Path logDir = Path.of(props.getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            java.util.List<String> format = new java.util.ArrayList<>(java.util.List.of("format", "-t", clusterId, "-c", serverProperties));
            String scram = System.getenv(BrokerSecurity.SCRAM_BOOTSTRAP_ENV);
            if (scram != null && !scram.isBlank()) {
                // secure mode: the admin's SCRAM credential goes into the bootstrap metadata, so the broker can
                // authenticate to itself (inter-broker listener) before anyone could create a user
                format.add("--add-scram");
                format.add(scram);
            }
            int code = StorageTool.execute(format.toArray(String[]::new), System.out);
            if (code != 0) {
                System.err.println("formatting " + logDir + " failed with exit code " + code);
                System.exit(code);
            }
        }
        kafka.Kafka.main(new String[] {serverProperties});
    }
}
