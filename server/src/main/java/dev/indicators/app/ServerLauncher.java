package dev.indicators.app;

import dev.indicators.app.http.IngestCommand;
import dev.indicators.app.lag.LagCommand;
import dev.indicators.app.logging.JulBridge;
import dev.indicators.producer.importer.ImportCommand;
import dev.indicators.producer.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/indicators} of the serve distribution (the {@code .tar.gz} {@code mvn package} builds in
 * {@code server/target}): the production commands only, without the demo, the bench or the embedded platform.
 */
@Command(name = "indicators", mixinStandardHelpOptions = true, version = "indicator-pipeline 0.1.0",
        description = {"Live per-region rule-of-law statistics from case-level events, on Kafka.",
                "Configuration: INDICATORS_* environment variables or a --config file (docs/configuration.md); options override them."},
        subcommands = {ServeCommand.class, ImportCommand.class, SimulateCommand.class, IngestCommand.class, LagCommand.class,
                CommandLine.HelpCommand.class})
public final class ServerLauncher implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        JulBridge.install();
        System.exit(new CommandLine(new ServerLauncher()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
