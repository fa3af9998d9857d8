package dev.indicators.contract.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code INDICATORS_*} configuration variable of the project, each declared once with its kind, default and
 * description. The typed records (streams, publisher, ingest, HTTP, lag, stack ...) read their values from these
 * definitions, and {@code docs/configuration.md} is generated from this list (a test fails when it is stale).
 * Precedence, lowest first: the default here, a properties file ({@code --config FILE}), the environment, a
 * {@code -Dindicators.*} system property, a command-line option.
 */
public final class SettingCatalogue {

    private SettingCatalogue() {
    }

    // ---- Kafka and the schema registry (every process) ----
    private static final String KAFKA = "Kafka and the schema registry";
    public static final Setting<String> BOOTSTRAP_SERVERS = text(KAFKA, "INDICATORS_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
            "The Kafka bootstrap servers, as host:port pairs separated by commas.");
    public static final Setting<Path> KAFKA_CLIENT_CONFIG = path(KAFKA, "INDICATORS_KAFKA_CLIENT_CONFIG", null,
            "A Kafka client properties file (security.protocol, sasl.*, ssl.* and the like) merged into every Kafka client "
                    + "the process creates: admin, producer, consumer and the streams app. Values of keys that name a "
                    + "password, a secret or a JAAS configuration are masked when printed.");
    public static final Setting<String> REGISTRY_URL = text(KAFKA, "INDICATORS_REGISTRY_URL", "http://127.0.0.1:8081/apis/registry/v3",
            "The Apicurio Registry API URL; a bare http://host:port gets /apis/registry/v3 appended.");
    public static final Setting<Boolean> REGISTRY_AUTO_REGISTER = bool(KAFKA, "INDICATORS_REGISTRY_AUTO_REGISTER", true,
            "Whether a schema the registry lacks (an event schema, IndicatorTotal) is registered on first use.");

    // ---- the event contract ----
    private static final String CONTRACT = "The event contract";
    public static final Setting<Path> REGIONS_FILE = path(CONTRACT, "INDICATORS_REGIONS_FILE", null,
            "A region table (CSV: code,name_zh,name_en,level,parent_code) to use instead of the bundled one.");
    public static final Setting<Duration> MAX_CLOCK_SKEW = duration(CONTRACT, "INDICATORS_MAX_CLOCK_SKEW", "5m",
            "How far in the future an event's occurredAt may lie, since agency clocks drift.");
    public static final Setting<String> TOPIC_RECONSIDERATION = text(CONTRACT, "INDICATORS_TOPIC_RECONSIDERATION", "indicators.reconsideration.v1",
            "The input topic of reconsideration events.");
    public static final Setting<String> TOPIC_MEDIATION = text(CONTRACT, "INDICATORS_TOPIC_MEDIATION", "indicators.mediation.v1",
            "The input topic of mediation events.");
    public static final Setting<String> TOPIC_CERTIFICATE = text(CONTRACT, "INDICATORS_TOPIC_CERTIFICATE", "indicators.certificate.v1",
            "The input topic of certificate events.");
    public static final Setting<String> TOPIC_LITIGATION = text(CONTRACT, "INDICATORS_TOPIC_LITIGATION", "indicators.litigation.v1",
            "The input topic of administrative litigation events.");
    public static final Setting<String> TOPIC_DEADLETTER = text(CONTRACT, "INDICATORS_TOPIC_DEADLETTER", "indicators.deadletter.v1",
            "The topic of records that could not be counted, with the reason in their headers.");
    public static final Setting<String> TOPIC_TOTALS = text(CONTRACT, "INDICATORS_TOPIC_TOTALS", "indicators.totals.v1",
            "The compacted topic the changed totals are published to.");

    // ---- the streams app ----
    private static final String STREAMS = "The streams app";
    public static final Setting<String> APPLICATION_ID = text(STREAMS, "INDICATORS_APPLICATION_ID", "indicator-pipeline",
            "The Kafka Streams application.id; every instance of one pipeline uses the same one.");
    public static final Setting<Path> STATE_DIR = path(STREAMS, "INDICATORS_STATE_DIR",
            Path.of(System.getProperty("java.io.tmpdir"), "indicator-pipeline-streams").toString(),
            "The directory of the streams app's local state (RocksDB stores); each instance on one machine needs its own.")
            .documentedAs("<java.io.tmpdir>/indicator-pipeline-streams");
    public static final Setting<String> PROCESSING_GUARANTEE = text(STREAMS, "INDICATORS_PROCESSING_GUARANTEE", "exactly_once_v2",
            "The Kafka Streams processing guarantee; exactly_once_v2 is what makes totals exact across crashes.");
    public static final Setting<Integer> STREAMS_THREADS = integer(STREAMS, "INDICATORS_STREAMS_THREADS",
            Integer.toString(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))),
            "The number of stream threads of this instance.").documentedAs("one per processor, 1 to 4");
    public static final Setting<Duration> COMMIT_INTERVAL = duration(STREAMS, "INDICATORS_COMMIT_INTERVAL", "250ms",
            "The commit interval of the streams app (each commit is an exactly-once transaction).");
    public static final Setting<Long> CACHE_MAX_BYTES = bytes(STREAMS, "INDICATORS_CACHE_MAX_BYTES", "67108864",
            "The record cache of the streams app in bytes, on the heap, shared by its threads.");
    public static final Setting<Integer> REPLICATION_FACTOR = integer(STREAMS, "INDICATORS_REPLICATION_FACTOR", "-1",
            "The replication factor of the streams app's internal topics; -1 takes the broker's default.");
    public static final Setting<Integer> NUM_STANDBY_REPLICAS = integer(STREAMS, "INDICATORS_NUM_STANDBY_REPLICAS", "0",
            "Standby replicas of each state store kept warm on other instances (num.standby.replicas), so a failover restores less.");
    public static final Setting<Duration> DEDUPE_HORIZON = duration(STREAMS, "INDICATORS_DEDUPE_HORIZON", "30d",
            "Ignored since a case's state keeps its eventIds for all time; kept so old configurations still start.");
    public static final Setting<Duration> REFRESH_INTERVAL = duration(STREAMS, "INDICATORS_REFRESH_INTERVAL", "60s",
            "How often trailing windows and stock changes that come due are refreshed.");
    public static final Setting<String> STORES = text(STREAMS, "INDICATORS_STORES", "persistent",
            "The kind of state stores: persistent (RocksDB) or in-memory.");
    public static final Setting<Duration> PUBLICATION_CYCLE = duration(STREAMS, "INDICATORS_PUBLICATION_CYCLE", "250ms",
            "Each changed total is published to the totals topic once per cycle.");
    public static final Setting<Duration> PUBLICATION_CYCLE_MAX = duration(STREAMS, "INDICATORS_PUBLICATION_CYCLE_MAX", "30s",
            "The longest publication cycle: while the totals stage is behind, its cycle stretches to a quarter of how far behind it is, up to this.");

    // ---- the publisher (library, import, HTTP ingest) ----
    private static final String PRODUCER = "The publisher";
    public static final Setting<String> PRODUCER_CLIENT_ID = text(PRODUCER, "INDICATORS_PRODUCER_CLIENT_ID", "indicators-producer",
            "The Kafka client.id of the publisher.");
    public static final Setting<Duration> PRODUCER_LINGER = duration(PRODUCER, "INDICATORS_PRODUCER_LINGER", "20ms",
            "How long the publisher waits to fill a batch (linger.ms).");
    public static final Setting<Integer> PRODUCER_BATCH_BYTES = integer(PRODUCER, "INDICATORS_PRODUCER_BATCH_BYTES", "262144",
            "The publisher's batch size in bytes (batch.size).");
    public static final Setting<Long> PRODUCER_BUFFER_BYTES = bytes(PRODUCER, "INDICATORS_PRODUCER_BUFFER_BYTES", "67108864",
            "The publisher's send buffer in bytes (buffer.memory).");
    public static final Setting<String> PRODUCER_COMPRESSION = text(PRODUCER, "INDICATORS_PRODUCER_COMPRESSION", "lz4",
            "The compression of the publisher's batches (none, gzip, snappy, lz4 or zstd).");
    public static final Setting<Duration> PRODUCER_REQUEST_TIMEOUT = duration(PRODUCER, "INDICATORS_PRODUCER_REQUEST_TIMEOUT", "30s",
            "How long the publisher waits for one request to the broker (request.timeout.ms).");
    public static final Setting<Duration> PRODUCER_DELIVERY_TIMEOUT = duration(PRODUCER, "INDICATORS_PRODUCER_DELIVERY_TIMEOUT", "2m",
            "How long a send may take in all, retries included (delivery.timeout.ms).");
    public static final Setting<Duration> PRODUCER_MAX_BLOCK = duration(PRODUCER, "INDICATORS_PRODUCER_MAX_BLOCK", "60s",
            "How long a publish call may block waiting for metadata or buffer space (max.block.ms).");

    // ---- HTTP ingest ----
    private static final String INGEST = "HTTP ingest";
    public static final Setting<Long> INGEST_MAX_BYTES = bytes(INGEST, "INDICATORS_INGEST_MAX_BYTES", "10485760",
            "The largest request body in bytes; a larger one is answered 413 without reading more of it.");
    public static final Setting<Integer> INGEST_MAX_EVENTS = integer(INGEST, "INDICATORS_INGEST_MAX_EVENTS", "2000",
            "The most events in one request; a request with more is answered 413 and nothing of it is published.");
    public static final Setting<Integer> INGEST_MAX_ERRORS_LISTED = integer(INGEST, "INDICATORS_INGEST_MAX_ERRORS_LISTED", "20",
            "How many rejected events an answer lists in full; the others are counted.");
    public static final Setting<Duration> INGEST_BODY_TIMEOUT = duration(INGEST, "INDICATORS_INGEST_BODY_TIMEOUT", "30s",
            "The whole request body must arrive within this time; slower clients are cut off with 408.");
    public static final Setting<Duration> INGEST_KAFKA_TIMEOUT = duration(INGEST, "INDICATORS_INGEST_KAFKA_TIMEOUT", "5s",
            "Events Kafka has not acknowledged within this time are answered 503.");
    public static final Setting<Duration> INGEST_RETRY_AFTER = duration(INGEST, "INDICATORS_INGEST_RETRY_AFTER", "10s",
            "The Retry-After of an ingest answered 503 because Kafka did not answer in time.");
    public static final Setting<Integer> INGEST_RECEIPTS = integer(INGEST, "INDICATORS_INGEST_RECEIPTS", "100000",
            "How many accepted eventIds the process remembers for GET /api/v1/events/{eventId}; the oldest are forgotten first.");

    // ---- the HTTP server ----
    private static final String HTTP = "The HTTP server";
    public static final Setting<String> HTTP_HOST = text(HTTP, "INDICATORS_HTTP_HOST", "127.0.0.1",
            "The address the HTTP server binds to; 0.0.0.0 binds to all.");
    public static final Setting<Integer> HTTP_PORT = integer(HTTP, "INDICATORS_HTTP_PORT", "8080",
            "The HTTP port; 0 picks any free port.");
    public static final Setting<String> HTTP_ADVERTISED_URL = text(HTTP, "INDICATORS_HTTP_ADVERTISED_URL", null,
            "The URL other instances reach this one at (it becomes the streams app's application.server, so queries "
                    + "for keys this instance owns are forwarded here); unset, it is http://<host>:<port> of the server.");
    public static final Setting<Integer> HTTP_THREADS = integer(HTTP, "INDICATORS_HTTP_THREADS", "32",
            "The HTTP request threads; they must exceed the ingest concurrency by at least 4.");
    public static final Setting<Duration> HTTP_IDLE_TIMEOUT = duration(HTTP, "INDICATORS_HTTP_IDLE_TIMEOUT", "10s",
            "A connection that sends nothing for this long is closed.");
    public static final Setting<Integer> HTTP_INGEST_CONCURRENCY = integer(HTTP, "INDICATORS_HTTP_INGEST_CONCURRENCY", "4",
            "How many ingest requests are served at once.");
    public static final Setting<Integer> HTTP_INGEST_QUEUE = integer(HTTP, "INDICATORS_HTTP_INGEST_QUEUE", "16",
            "How many ingest requests may wait for their turn without holding a thread; one more is answered 503.");
    public static final Setting<Duration> HTTP_INGEST_QUEUE_WAIT = duration(HTTP, "INDICATORS_HTTP_INGEST_QUEUE_WAIT", "10s",
            "The longest wait in the ingest queue before a 503.");
    public static final Setting<Duration> HTTP_RETRY_AFTER = duration(HTTP, "INDICATORS_HTTP_RETRY_AFTER", "2s",
            "The Retry-After of a 503 when the ingest queue is full or totals cannot be read yet.");
    public static final Setting<Duration> HTTP_STOP_TIMEOUT = duration(HTTP, "INDICATORS_HTTP_STOP_TIMEOUT", "5s",
            "On shutdown, requests in progress get this long to finish.");
    public static final Setting<Duration> HTTP_FORWARD_TIMEOUT = duration(HTTP, "INDICATORS_HTTP_FORWARD_TIMEOUT", "5s",
            "How long an instance waits for the owner of a key when it forwards a query there.");

    // ---- access (secure mode) ----
    private static final String ACCESS = "Access";
    public static final Setting<String> HTTP_TOKENS_FILE = text(ACCESS, "INDICATORS_HTTP_TOKENS_FILE", null,
            "The bearer tokens file (SHA-256 hashes with each token's department, regions, event types and rate); unset leaves ingest open.");
    public static final Setting<String> HTTP_READ_ACCESS = text(ACCESS, "INDICATORS_HTTP_READ_ACCESS", "open",
            "Whether the read endpoints are open to anyone (open) or need a reader or admin token (token).");

    // ---- live updates, targets and the annual report ----
    private static final String LIVE = "Live updates, targets and the annual report";
    public static final Setting<Integer> SUBSCRIBE_BUFFER = integer(LIVE, "INDICATORS_SUBSCRIBE_BUFFER", "1000",
            "Changed totals one /api/v1/subscribe client may have waiting; a client further behind is dropped (it resumes with Last-Event-ID).");
    public static final Setting<Duration> SUBSCRIBE_HEARTBEAT = duration(LIVE, "INDICATORS_SUBSCRIBE_HEARTBEAT", "5s",
            "How often a quiet event stream sends a heartbeat comment; it must be shorter than INDICATORS_HTTP_IDLE_TIMEOUT.");
    public static final Setting<Integer> SUBSCRIBE_MAX_CLIENTS = integer(LIVE, "INDICATORS_SUBSCRIBE_MAX_CLIENTS", "200",
            "Event streams served at once by one instance; further subscribers are answered 503.");
    public static final Setting<String> TARGETS_FILE = text(LIVE, "INDICATORS_TARGETS_FILE", null,
            "The targets CSV (region, indicator, period kind, comparator, threshold, source); unset uses the shipped example, none disables targets.");
    public static final Setting<String> TOPIC_ALERTS = text(LIVE, "INDICATORS_TOPIC_ALERTS", "indicators.alerts.v1",
            "The compacted topic a target's flip between met and missed is published to.");
    public static final Setting<String> PUBLISHED_FIGURES_FILE = text(LIVE, "INDICATORS_PUBLISHED_FIGURES_FILE", null,
            "The figures regions have published (published-figures.csv format) that the annual report compares with; unset uses the sample's.");

    // ---- operations ----
    private static final String OPERATIONS = "Operations";
    public static final Setting<String> INSTANCE_ID = text(OPERATIONS, "INDICATORS_INSTANCE_ID", null,
            "This instance's name in metrics (the instance label) and in /health/ready; unset, it is the advertised host:port.");
    public static final Setting<Duration> LAG_INTERVAL = duration(OPERATIONS, "INDICATORS_LAG_INTERVAL", "5s",
            "How often consumer lag is sampled in the background for /metrics.");
    public static final Setting<List<String>> LAG_GROUPS = list(OPERATIONS, "INDICATORS_LAG_GROUPS",
            "More consumer groups (separated by commas) whose lag /metrics reports besides the streams app's own.");
    public static final Setting<Integer> READY_MAX_HEAP_PERCENT = integer(OPERATIONS, "INDICATORS_READY_MAX_HEAP_PERCENT", "90",
            "Above this share of the maximum heap in use after a collection, /health/ready answers 503.");

    // ---- the embedded stack (demo, bench, tests; never serve) ----
    private static final String STACK = "The embedded stack (demo, bench and tests only)";
    public static final Setting<Path> DATA_DIR = path(STACK, "INDICATORS_DATA_DIR", null,
            "Where the embedded broker, registry and streams state are kept across runs; unset, a temporary directory removed on exit.");
    public static final Setting<Integer> PARTITIONS = integer(STACK, "INDICATORS_PARTITIONS", "3",
            "The partitions of each topic the embedded stack creates.");
    public static final Setting<Integer> KAFKA_PORT = integer(STACK, "INDICATORS_KAFKA_PORT", "0",
            "The embedded broker's port on 127.0.0.1; 0 picks a free one.");
    public static final Setting<Integer> REGISTRY_PORT = integer(STACK, "INDICATORS_REGISTRY_PORT", "0",
            "The embedded registry's port on 127.0.0.1; 0 picks a free one.");
    public static final Setting<Boolean> REGISTRY_PERSISTENT = bool(STACK, "INDICATORS_REGISTRY_PERSISTENT", null,
            "Whether the embedded registry keeps its schemas in Kafka; unset, it does exactly when a data directory is kept.");
    public static final Setting<String> REGISTRY_VERSION = text(STACK, "INDICATORS_REGISTRY_VERSION", null,
            "An Apicurio Registry distribution to insist on; unset, the newest one the JDKs found can run.");
    public static final Setting<Path> REGISTRY_HOME = path(STACK, "INDICATORS_REGISTRY_HOME", null,
            "A directory holding unpacked registry distributions (<version>/); unset, platform/target/apicurio of the build.");
    public static final Setting<Path> REGISTRY_JAVA_HOME = path(STACK, "INDICATORS_REGISTRY_JAVA_HOME", null,
            "The JDK that runs the embedded registry; unset, one new enough is looked for.");
    public static final Setting<Path> HOME = path(STACK, "INDICATORS_HOME", null,
            "The project directory; bin/indicators sets it so the embedded stack finds the built registry.");

    // ---- bin/indicators itself (read by the shell script, listed for completeness) ----
    private static final String LAUNCHER = "The launcher script";
    public static final Setting<String> JAVA_OPTS = text(LAUNCHER, "INDICATORS_JAVA_OPTS", "-Xmx2g",
            "JVM options of bin/indicators (read by the script, not by Java).");
    public static final Setting<Boolean> REBUILD = bool(LAUNCHER, "INDICATORS_REBUILD", false,
            "Whether bin/indicators rebuilds the project before running it (read by the script, not by Java).");

    private static final List<Setting<?>> ALL = collect();
    private static final Map<String, Setting<?>> BY_NAME = ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::name, s -> s));

    /** Every setting, in declaration order. */
    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Optional<Setting<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static List<Setting<?>> collect() {
        List<Setting<?>> found = new ArrayList<>();
        for (Field f : SettingCatalogue.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Setting.class) {
                try {
                    found.add((Setting<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableList(found);
    }

    private static <T> Setting<T> of(String group, String name, String kind, String def, String description, Function<String, T> parser) {
        return new Setting<>(name, group, kind, Optional.ofNullable(def), def == null ? "unset" : def, description, false, parser);
    }

    private static Setting<String> text(String group, String name, String def, String description) {
        return of(group, name, "text", def, description, v -> v);
    }

    private static Setting<Integer> integer(String group, String name, String def, String description) {
        return of(group, name, "integer", def, description, Integer::parseInt);
    }

    private static Setting<Long> bytes(String group, String name, String def, String description) {
        return of(group, name, "bytes", def, description, Long::parseLong);
    }

    private static Setting<Boolean> bool(String group, String name, Boolean def, String description) {
        return of(group, name, "boolean", def == null ? null : def.toString(), description, ValueKinds::bool);
    }

    private static Setting<Duration> duration(String group, String name, String def, String description) {
        return of(group, name, "duration", def, description, ValueKinds::duration);
    }

    private static Setting<Path> path(String group, String name, String def, String description) {
        return of(group, name, "path", def, description, ValueKinds::path);
    }

    private static Setting<List<String>> list(String group, String name, String description) {
        return of(group, name, "list", "", description, ValueKinds::list).documentedAs("none");
    }
}
