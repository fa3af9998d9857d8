package dev.indicators.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.app.support.CaughtUp;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.SharedPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator's Prometheus sees on GET /metrics after some traffic: JVM, process, Kafka client and streams
 * binders, the pipeline's own meters with low-cardinality tags, and the lag exporter's names. The Grafana dashboard
 * shipped in ops/grafana may only use names that really exist here.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeTest {

    private String metrics;
    /** The scrape before someTraffic(), once the streams app had processed everything earlier tests sent. */
    private String before;

    @BeforeAll
    void someTraffic(Http http, dev.indicators.platform.IndicatorStack stack) throws Exception {
        // the streams app has processed whatever earlier test classes sent (nothing to wait for when nothing was sent)
        if (anythingSent(stack)) CaughtUp.await(stack.bootstrapServers(), SharedPipeline.APPLICATION_ID, Duration.ofMinutes(3));
        before = http.get("/metrics").body();
        String good = """
                {"eventId":"metrics-xf-2019-1-r","type":"mediation","regionCode":"410212","department":"xiangfu-justice",
                 "occurredAt":"2019-06-01T09:00:00+08:00","caseId":"XF-M-2019-1","status":"RECEIVED"}""";
        String bad = """
                {"eventId":"metrics-bad-1","type":"mediation","regionCode":"999999","department":"x",
                 "occurredAt":"2019-06-01T09:00:00+08:00","caseId":"XF-M-2019-2","status":"RECEIVED"}""";
        assertThat(http.post("/api/v1/events", "application/json", good).status()).isEqualTo(202);
        assertThat(http.post("/api/v1/events", "application/json", good).status()).isEqualTo(202); // a re-send
        assertThat(http.post("/api/v1/events", "application/json", bad).status()).isEqualTo(400);
        http.awaitTotal("410212", "mediation.received", "year:2019", 1);
        CaughtUp.await(stack.bootstrapServers(), SharedPipeline.APPLICATION_ID, Duration.ofMinutes(3));
        // The lag lines appear once a sample (every few seconds) finds the group's committed offsets; on a loaded
        // 2-core machine that has taken more than 30 s after the first totals were visible.
        metrics = http.await("/metrics", a -> a.body().contains("indicators_events_duplicates_total")
                && a.body().contains("kafka_consumergroup_group_lag{") && a.body().contains("kafka_consumergroup_group_sum_lag{")
                && a.body().contains("kafka_consumergroup_group_max_lag_seconds{"), Duration.ofSeconds(90)).body();
        // (the lag gauges are re-registered one after another at each sample, so one scrape may fall between them)
    }

    @Test
    void the_scrape_is_prometheus_text_with_jvm_process_and_kafka_binders(Http http) {
        assertThat(http.get("/metrics").response().headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(metrics)
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .contains("process_uptime_seconds")
                .contains("kafka_producer_")   // KafkaClientMetrics on the publisher
                .contains("kafka_stream_");    // KafkaStreamsMetrics on the streams app
    }

    /**
     * Exactly what the traffic did, as differences between the scrapes before and after it: two accepted posts of one
     * event (ingested and published twice; processed once, a duplicate once) and one refused post.
     */
    @Test
    void each_pipeline_counter_moved_by_exactly_what_the_traffic_did() {
        assertThat(delta("indicators_events_ingested_total", "type=\"mediation\"")).isEqualTo(2);
        assertThat(delta("indicators_events_published_total", "type=\"mediation\"")).isEqualTo(2);
        assertThat(delta("indicators_events_processed_total", "type=\"mediation\"")).isEqualTo(1);
        assertThat(delta("indicators_events_duplicates_total", "type=\"mediation\"")).isEqualTo(1);
        assertThat(delta("indicators_ingest_requests_total", "status=\"202\"")).isEqualTo(2);
        assertThat(delta("indicators_ingest_requests_total", "status=\"400\"")).isEqualTo(1);
        assertThat(delta("indicators_events_deadlettered_total", "")).as("refused at ingest, never sent").isZero();
    }

    private static boolean anythingSent(dev.indicators.platform.IndicatorStack stack) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new java.util.HashMap<>();
            for (var d : admin.describeTopics(stack.topics().inputs()).allTopicNames().get().values()) {
                d.partitions().forEach(p -> ends.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            return admin.listOffsets(ends).all().get().values().stream().anyMatch(o -> o.offset() > 0);
        }
    }

    /** The sum over the series of {@code name} whose tags contain {@code tag}: after minus before. */
    private double delta(String name, String tag) {
        return sum(metrics, name, tag) - sum(before, name, tag);
    }

    private static double sum(String scrape, String name, String tag) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> l.contains(tag))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void pipeline_meters_carry_low_cardinality_tags_only() {
        assertThat(metrics).containsPattern("(?m)^indicators_events_ingested_total\\{[^}]*type=\"mediation\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^indicators_events_published_total\\{[^}]*type=\"mediation\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^indicators_events_processed_total\\{[^}]*type=\"mediation\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^indicators_events_duplicates_total\\{[^}]*type=\"mediation\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^indicators_events_late_total\\{[^}]*type=");
        assertThat(metrics).containsPattern("(?m)^indicators_ingest_requests_total\\{[^}]*status=\"202\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^indicators_ingest_requests_total\\{[^}]*status=\"400\"[^}]*} [1-9]");
        assertThat(metrics).contains("indicators_e2e_latency_seconds_bucket{");
        // Buckets, so p50/p99/p999 come from histogram_quantile() and aggregate across instances (see the Grafana dashboard).
        assertThat(metrics).containsPattern("(?m)^indicators_e2e_latency_seconds_count [1-9]");
        assertThat(metrics).doesNotContain("XF-M-2019-1").doesNotContain("metrics-xf-2019-1-r");
    }

    @Test
    void consumer_lag_uses_the_kafka_lag_exporter_names_and_tags() {
        assertThat(line("kafka_consumergroup_group_lag{"))
                .contains("group=\"app-tests\"").contains("topic=\"").contains("partition=\"");
        assertThat(line("kafka_consumergroup_group_lag_seconds{")).contains("group=\"app-tests\"").contains("partition=\"");
        assertThat(line("kafka_consumergroup_group_max_lag{")).contains("group=\"app-tests\"");
        assertThat(line("kafka_consumergroup_group_max_lag_seconds{")).contains("group=\"app-tests\"");
        assertThat(line("kafka_consumergroup_group_sum_lag{")).contains("group=\"app-tests\"");
    }

    @Test
    void every_metric_the_grafana_dashboard_queries_exists() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("../ops/grafana/indicator-pipeline.json")));
        Set<String> names = new LinkedHashSet<>();
        Pattern metricName = Pattern.compile("\\b((?:indicators|kafka_consumergroup|jvm|process)_[a-z0-9_]+)");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = metricName.matcher(target.path("expr").asText());
                while (m.find()) names.add(m.group(1));
            }
        }
        assertThat(names).hasSizeGreaterThan(10);
        for (String name : names) {
            // the data-loss counter appears once a loss happened; ConsumerLagMonitorTest proves that one
            if (name.startsWith("indicators_consumer_data_loss")) continue;
            assertThat(metrics).as("metric %s used by the Grafana dashboard", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    void every_metric_an_alert_rule_uses_exists() throws Exception {
        String rules = Files.readString(Path.of("../ops/prometheus/alerts.yml"));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\b((?:indicators|kafka_consumergroup)_[a-z0-9_]+)").matcher(rules);
        while (m.find()) names.add(m.group(1));
        assertThat(names).containsExactlyInAnyOrder("kafka_consumergroup_group_max_lag_seconds",
                "indicators_consumer_data_loss_records_total", "indicators_events_deadlettered_total");
        for (String name : names) {
            if (name.startsWith("indicators_consumer_data_loss")) continue; // appears once a loss happened: ConsumerLagMonitorTest
            // a counter appears once it has counted: the bad event of someTraffic() is refused at ingest, so the
            // dead-letter counter is registered by the streams app at start (its meters are bound eagerly)
            assertThat(metrics).as("metric %s used by alerts.yml", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    private String line(String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }
}
