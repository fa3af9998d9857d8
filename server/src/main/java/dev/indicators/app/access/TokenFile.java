package dev.indicators.app.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.contract.EventType;
import dev.indicators.contract.region.RegionTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens, from a JSON file named by {@code INDICATORS_HTTP_TOKENS_FILE}; only SHA-256 hashes are stored:
 * <pre>{@code
 * {"tokens": [
 *   {"id": "qingpu-gov", "sha256": "<hex>", "role": "publisher", "department": "qingpu-district-gov",
 *    "regions": ["310118"], "eventTypes": ["reconsideration", "certificate"], "requestsPerSecond": 20},
 *   {"id": "dashboard", "sha256": "<hex>", "role": "reader"}
 * ]}
 * }</pre>
 * Rotating or revoking a token is editing the file: each lookup first compares the file's modification time and size
 * with what was loaded and reads it again when either changed, so a change takes effect on the next request, without
 * a restart. A file that no longer reads (bad JSON, an unknown region) is logged and then refuses every token until
 * it is fixed: failing closed, so a botched edit can never keep a revoked token alive.
 */
public final class TokenFile {

    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final RegionTable regions;
    private volatile Loaded loaded;

    private record Loaded(long modified, long size, Map<String, AccessToken> byHash, String problem) {
    }

    /** Reads the file now; a missing or bad file at start is an error naming the file and the problem. */
    public TokenFile(Path file, RegionTable regions) {
        this.file = file;
        this.regions = regions;
        Loaded first = read();
        if (first.problem() != null) throw new IllegalArgumentException(first.problem());
        this.loaded = first;
        log.info("HTTP bearer tokens: {} tokens from {}", first.byHash().size(), file);
    }

    /** The token whose secret is {@code presented}, if the file (as it is now) has it. */
    public Optional<AccessToken> find(String presented) {
        return Optional.ofNullable(current().byHash().get(sha256(presented)));
    }

    public Path file() {
        return file;
    }

    private Loaded current() {
        Loaded l = loaded;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.lastModifiedTime().toMillis() == l.modified() && a.size() == l.size()) return l;
        } catch (IOException e) {
            // gone or unreadable: read() reports it
        }
        synchronized (this) {
            Loaded again = read();
            if (again.problem() != null) {
                if (!again.problem().equals(loaded.problem())) log.error("HTTP bearer tokens: {}; every token is refused until the file is fixed", again.problem());
            } else {
                log.info("HTTP bearer tokens: {} reloaded, {} tokens", file, again.byHash().size());
            }
            loaded = again;
            return again;
        }
    }

    private Loaded read() {
        long modified = -1, size = -1;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            modified = a.lastModifiedTime().toMillis();
            size = a.size();
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, AccessToken> byHash = new HashMap<>();
            JsonNode tokens = root == null ? null : root.get("tokens");
            if (tokens == null || !tokens.isArray()) throw new IllegalArgumentException("field 'tokens': expected an array of tokens");
            int i = 0;
            for (JsonNode t : tokens) {
                AccessToken token = token(t, i++);
                if (byHash.put(token.sha256(), token) != null) throw new IllegalArgumentException("token '" + token.id() + "': its sha256 is listed twice");
            }
            return new Loaded(modified, size, Map.copyOf(byHash), null);
        } catch (IOException | RuntimeException e) {
            return new Loaded(modified, size, Map.of(), "tokens file " + file + ": " + e.getMessage());
        }
    }

    private AccessToken token(JsonNode t, int index) {
        String id = text(t, "id", "tokens[" + index + "]");
        String where = "token '" + id + "'";
        String hash = text(t, "sha256", where).toLowerCase(java.util.Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}")) throw new IllegalArgumentException(where + ": field 'sha256' is not 64 hex digits");
        AccessToken.Role role;
        try {
            role = AccessToken.Role.valueOf(text(t, "role", where).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": field 'role' = '" + t.path("role").asText() + "': expected publisher, reader or admin");
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode r : t.path("regions")) {
            if (!regions.contains(r.asText())) {
                throw new IllegalArgumentException(where + ": field 'regions' = '" + r.asText() + "': unknown GB/T 2260 region code");
            }
            codes.add(r.asText());
        }
        Set<EventType> types = new LinkedHashSet<>();
        for (JsonNode e : t.path("eventTypes")) {
            types.add(EventType.fromJsonName(e.asText()).orElseThrow(() ->
                    new IllegalArgumentException(where + ": field 'eventTypes' = '" + e.asText() + "': unknown event type")));
        }
        Optional<String> department = t.hasNonNull("department") ? Optional.of(t.get("department").asText()) : Optional.empty();
        Optional<Double> rate = Optional.empty();
        if (t.hasNonNull("requestsPerSecond")) {
            double r = t.get("requestsPerSecond").asDouble(-1);
            if (!(r > 0)) throw new IllegalArgumentException(where + ": field 'requestsPerSecond' = '" + t.get("requestsPerSecond").asText() + "': expected a positive number");
            rate = Optional.of(r);
        }
        return new AccessToken(id, hash, role, department, codes, types, rate);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(where + ": field '" + field + "' is missing");
        return v.asText();
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes: how the file stores a token. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
