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
            int code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", serverProperties}, System.out);
            if (code != 0) {
                System.err.println("formatting " + logDir + " failed with exit code " + code);
                System.exit(code);
            }
        }
        kafka.Kafka.main(new String[] {serverProperties});
    }
}
