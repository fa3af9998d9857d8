package dev.indicators.producer.bench;

import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.StackOptions;
import dev.indicators.producer.importer.ImportBenchmark;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * Import throughput against a real throw-away stack (broker + registry as child processes):
 * <pre>
 * cd producer && mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     dev.indicators.producer.bench.ImportBenchmarkOnStack --events 1000000 --file /tmp/events-1m.jsonl
 * </pre>
 * Arguments are {@link ImportBenchmark}'s; {@code --bootstrap} and {@code --registry} are filled in.
 */
public final class ImportBenchmarkOnStack {

    public static void main(String[] args) {
        int code;
        try (IndicatorStack stack = IndicatorStack.start(StackOptions.defaults())) {
            List<String> all = new ArrayList<>(List.of("--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl()));
            all.addAll(List.of(args));
            code = new CommandLine(new ImportBenchmark()).execute(all.toArray(String[]::new));
        }
        System.exit(code);
    }
}
