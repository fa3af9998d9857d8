package dev.indicators.app.access;

import dev.indicators.contract.Settings;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.producer.ingest.IngestCaller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the HTTP API. Without {@code INDICATORS_HTTP_TOKENS_FILE} everything is open, as in local development.
 * With it, {@code POST /api/v1/events} needs a publisher (or admin) bearer token, and
 * {@code INDICATORS_HTTP_READ_ACCESS} says whether reads are {@code open} (the default) or need a {@code token}
 * (any valid token: reader, publisher or admin). Health checks stay open for probes.
 */
public final class HttpAccess {

    public static final String TOKENS_FILE = "INDICATORS_HTTP_TOKENS_FILE";
    public static final String READ_ACCESS = "INDICATORS_HTTP_READ_ACCESS";

    private final Optional<TokenFile> tokens;
    private final boolean readsNeedToken;
    private final RegionTable regions;
    private final RequestRate rate = new RequestRate();

    public HttpAccess(Optional<TokenFile> tokens, boolean readsNeedToken, RegionTable regions) {
        this.tokens = tokens;
        this.readsNeedToken = readsNeedToken;
        this.regions = regions;
        if (readsNeedToken && tokens.isEmpty()) {
            throw new IllegalArgumentException(READ_ACCESS + "=token needs " + TOKENS_FILE);
        }
    }

    public static HttpAccess open() {
        return new HttpAccess(Optional.empty(), false, RegionTable.bundled());
    }

    public static HttpAccess fromSettings(Settings settings, RegionTable regions) {
        Optional<TokenFile> tokens = settings.find(TOKENS_FILE).map(f -> new TokenFile(Path.of(f), regions));
        String reads = settings.value(dev.indicators.contract.config.SettingCatalogue.HTTP_READ_ACCESS).toLowerCase(Locale.ROOT);
        if (!reads.equals("open") && !reads.equals("token")) {
            throw new IllegalArgumentException(READ_ACCESS + "=" + reads + ": expected open or token");
        }
        return new HttpAccess(tokens, reads.equals("token"), regions);
    }

    public boolean enabled() {
        return tokens.isPresent();
    }

    public boolean readsNeedToken() {
        return readsNeedToken;
    }

    /** The ingest caller of a request with this {@code Authorization} header; 401, 403 or 429 as exceptions. */
    public IngestCaller publisher(String authorization) {
        if (tokens.isEmpty()) return IngestCaller.anonymous();
        AccessToken token = authenticate(authorization);
        if (token.role() == AccessToken.Role.READER) {
            throw new AccessRefusedException(403, "token '" + token.id() + "' may only read; publishing needs a publisher token", null);
        }
        token.requestsPerSecond().flatMap(r -> rate.take(token.id(), r)).ifPresent(wait -> {
            throw new AccessRefusedException(429, "token '" + token.id() + "' is above its rate of "
                    + token.requestsPerSecond().get() + " requests per second; retry after " + seconds(wait) + " s", seconds(wait));
        });
        return new IngestCaller(token.department(),
                new TokenScope(token, regions));
    }

    /** Checks a read request (when reads need a token). */
    public void reader(String authorization) {
        if (readsNeedToken) authenticate(authorization);
    }

    private AccessToken authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new AccessRefusedException(401, "missing bearer token: send 'Authorization: Bearer <token>'", null);
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AccessRefusedException(401, "the Authorization header is not a bearer token: send 'Authorization: Bearer <token>'", null);
        }
        return tokens.orElseThrow().find(value.substring(7).trim())
                .orElseThrow(() -> new AccessRefusedException(401, "unknown or revoked bearer token", null));
    }

    private static Long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
