package dev.indicators.platform.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of this JVM, to hand to a child JVM running classes we depend on (the Kafka broker).
 * Under Maven Surefire the class path is a single "manifest-only" jar whose manifest lists the real entries; those
 * are expanded so the child does not depend on a temporary jar and its command line says what it runs.
 */
public final class JvmClassPath {

    private final List<String> entries;

    private JvmClassPath(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    public static JvmClassPath current() {
        return of(System.getProperty("java.class.path", ""));
    }

    /** A class path as {@code java.class.path} spells it. */
    public static JvmClassPath of(String classPath) {
        List<String> raw = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                raw.add(absolute(entry)); // the child runs in another working directory
            }
        }
        if (raw.size() == 1 && raw.get(0).endsWith(".jar")) {
            // java -jar x.jar and Surefire's booter: the manifest's Class-Path is the real class path
            Set<String> expanded = new LinkedHashSet<>(raw);
            expanded.addAll(manifestClassPath(Path.of(raw.get(0))));
            return new JvmClassPath(new ArrayList<>(expanded));
        }
        return new JvmClassPath(raw);
    }

    public List<String> entries() {
        return entries;
    }

    /**
     * Writes {@code -cp <class path>} to a java launcher argument file ({@code java @file}): a long class path
     * would otherwise hit the operating system's limit on one argument.
     */
    public Path writeArgumentFile(Path file) {
        String joined = String.join(File.pathSeparator, entries);
        String quoted = "\"" + joined.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "-cp\n" + quoted + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static String absolute(String entry) {
        if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
            return Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + File.separator + "*";
        }
        return Path.of(entry).toAbsolutePath().toString();
    }

    private static List<String> manifestClassPath(Path jar) {
        List<String> result = new ArrayList<>();
        if (!Files.isRegularFile(jar)) {
            return result;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (value == null) {
                return result;
            }
            URI base = jar.toAbsolutePath().getParent().toUri();
            for (String token : value.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                URI uri = base.resolve(token);
                result.add("file".equals(uri.getScheme()) ? Path.of(uri).toString() : token);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the manifest of " + jar, e);
        }
    }
}
