package dev.indicators.app;

import dev.indicators.app.logging.JulBridge;
import dev.indicators.app.demo.DemoCommand;
import dev.indicators.bench.BenchCommand;
import dev.indicators.app.lag.LagCommand;
import dev.indicators.producer.importer.ImportCommand;
import dev.indicators.app.http.IngestCommand;
import dev.indicators.producer.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/indicators}: one entry point for every deployable piece of the pipeline. */
@Command(name = "indicators", mixinStandardHelpOptions = true, version = "indicator-pipeline 0.1.0",
        description = {"Live per-region rule-of-law statistics from case-level events, on Kafka.",
                "Configuration: INDICATORS_* environment variables or a --config file (docs/configuration.md); options override them."},
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, SimulateCommand.class, IngestCommand.class,
                LagCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class IndicatorsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        JulBridge.install();
        int exit = new CommandLine(new IndicatorsCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        System.exit(exit);
    }
}
