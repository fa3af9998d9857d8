package dev.indicators.app.access;

import dev.indicators.contract.EventType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One bearer token of the tokens file, as stored: only the SHA-256 of the secret, never the secret.
 *
 * @param id                a name for the token that is not secret (what logs and error messages show)
 * @param sha256            lower-case hex SHA-256 of the token's UTF-8 bytes
 * @param role              what the token is for
 * @param department        the publishing department (publisher tokens): events must carry it, and it is stamped as
 *                          {@code published-by}
 * @param regions           region subtrees (GB/T 2260 codes) it may publish for: a code covers itself and every region
 *                          under it in the region table (310000 Shanghai covers 310118 Qingpu)
 * @param eventTypes        event types it may publish
 * @param requestsPerSecond at most this many ingest requests per second (bursts up to the same number); empty: no limit
 */
public record AccessToken(String id, String sha256, Role role, Optional<String> department, List<String> regions,
                          Set<EventType> eventTypes, Optional<Double> requestsPerSecond) {

    /** What a token may do. */
    public enum Role {
        /** publishes events of its department, regions and types; may also read */
        PUBLISHER,
        /** reads totals, receipts and metrics when reads require a token */
        READER,
        /** all of the above, every department, region and type */
        ADMIN
    }

    public AccessToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(role, "role");
        regions = List.copyOf(regions);
        eventTypes = Set.copyOf(eventTypes);
        if (role == Role.PUBLISHER && (department.isEmpty() || regions.isEmpty() || eventTypes.isEmpty())) {
            throw new IllegalArgumentException("token '" + id + "': a publisher token needs department, regions and eventTypes");
        }
    }

    /** No secret in here: the hash is left out too. */
    @Override
    public String toString() {
        return "AccessToken[" + id + ", " + role + department.map(d -> ", " + d).orElse("") + "]";
    }
}
