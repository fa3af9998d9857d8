package dev.indicators.contract.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes {@code docs/configuration.md} from {@link SettingCatalogue}: every setting with its kind, default and
 * description, by group. {@code ConfigurationReferenceTest} fails when the committed file differs from this output
 * (run it with {@code -Dindicators.reference.write=true} to rewrite the file).
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("Generated from `SettingCatalogue` (schemas module) by `ConfigurationReference`; do not edit by hand: a test\n");
        md.append("fails when this file is stale (`mvn -pl schemas test -Dtest=ConfigurationReferenceTest -Dindicators.reference.write=true`\n");
        md.append("rewrites it).\n\n");
        md.append("Every setting can be given, in rising precedence, as a line of a properties file (`--config FILE`; the key spelled\n");
        md.append("`INDICATORS_HTTP_PORT` or `indicators.http.port`), as an environment variable, as a system property\n");
        md.append("(`-Dindicators.http.port=8080`, e.g. in `INDICATORS_JAVA_OPTS`), and for the common ones as a command-line option\n");
        md.append("(`--http-port 8080`). `indicators serve --print-config` prints the effective values and where each came from, with\n");
        md.append("secrets masked. An unknown `INDICATORS_*` key in the file is an error; in the environment, a warning in `--print-config`.\n\n");
        md.append("Durations are written `500ms`, `30s`, `5m`, `2h`, `30d` or ISO-8601 (`PT5M`); booleans `true`/`false`.\n");
        String group = null;
        for (Setting<?> s : SettingCatalogue.all()) {
            if (!Objects.equals(group, s.group())) {
                group = s.group();
                md.append("\n## ").append(group).append("\n\n");
                md.append("| variable | kind | default | description |\n|---|---|---|---|\n");
            }
            md.append("| `").append(s.name()).append("` | ").append(s.kind()).append(" | ")
                    .append(s.documentedDefault().isEmpty() ? "" : "`" + s.documentedDefault() + "`").append(" | ")
                    .append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    /** Writes the reference to the given file (default {@code docs/configuration.md}). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(target, markdown(), StandardCharsets.UTF_8);
    }
}
