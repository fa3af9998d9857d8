package dev.indicators.platform.access;

import dev.indicators.contract.access.KafkaClientSecurity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The generated passwords of the secure stack's users (Kafka SCRAM users; the admin's also opens the registry).
 * Kept owner-only in the data directory so a restart of the stack on it finds the same users again.
 * {@link #toString()} never shows a password.
 */
public final class StackCredentials {

    /** Where a kept stack records its users' passwords. */
    public static final String FILE = "stack-users.properties";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final Map<String, String> passwords;

    private StackCredentials(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** The passwords of {@code file} for users it has, new random ones for the others. */
    public static StackCredentials loadOrGenerate(Path file, List<String> users) {
        Map<String, String> known = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
            p.forEach((k, v) -> known.put(k.toString(), v.toString()));
        }
        for (String user : users) {
            known.computeIfAbsent(user, u -> newSecret(32));
        }
        return new StackCredentials(known);
    }

    public static StackCredentials generate(List<String> users) {
        Map<String, String> p = new TreeMap<>();
        users.forEach(u -> p.put(u, newSecret(32)));
        return new StackCredentials(p);
    }

    /** A random secret of letters and digits (no quotes or brackets: it goes into JAAS and SCRAM arguments). */
    public static String newSecret(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(c);
    }

    public void store(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeOwnerOnly(file, out -> {
                out.write("# Passwords of the secure stack's Kafka users (owner-only). Generated; do not share.\n");
                for (Map.Entry<String, String> e : new TreeMap<>(passwords).entrySet()) {
                    out.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** What a writer does with the file. */
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Creates (or replaces) {@code file} readable and writable by its owner only, before a secret is written to it. */
    public static void writeOwnerOnly(Path file, Content content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(out);
        }
    }

    public String password(String user) {
        String p = passwords.get(user);
        if (p == null) throw new NoSuchElementException("no credentials for user '" + user + "'");
        return p;
    }

    public boolean has(String user) {
        return passwords.containsKey(user);
    }

    /** The client settings of {@code user} (SCRAM-SHA-512 over SASL_PLAINTEXT on loopback). */
    public KafkaClientSecurity client(String user) {
        return KafkaClientSecurity.scram(user, password(user));
    }

    /** Writes a Kafka client properties file for {@code user} (owner-only), for {@code INDICATORS_KAFKA_CLIENT_CONFIG}. */
    public Path writeClientConfig(String user, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeOwnerOnly(file, out -> {
                out.write("# Kafka client settings of user '" + user + "' (INDICATORS_KAFKA_CLIENT_CONFIG, or --command-config of Kafka's tools)\n");
                for (Map.Entry<String, String> e : new TreeMap<>(client(user).properties()).entrySet()) {
                    out.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            });
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public List<String> users() {
        return passwords.keySet().stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "StackCredentials" + users();
    }
}
