package dev.indicators.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.indicators.app.support.CaughtUp;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.StackOptions;
import dev.indicators.platform.kafka.EmbeddedKafka;
import dev.indicators.platform.junit.SharedIndicatorStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code indicators serve} instances of one application, as OS processes from the serve distribution, on the
 * real broker and registry, while agencies post events to them: one instance killed with SIGKILL; every instance
 * restarted in turn; and, on a cluster of three brokers of its own, one broker killed with SIGKILL. Through both, ingest answers 202 or 503 with Retry-After, never an error
 * or silence; queries are answered 200 or 503 with Retry-After; and afterwards every instance answers every region's
 * total equal to an independent recount of the events it answered 202 for: none lost, none counted twice.
 * The figures (how long until every instance answered every region again, what ingest answered) are printed.
 */
@Tag("fault") // minutes of processes killed and restarted under 100,000 events: mvn -Pfaults verify
@DisplayName("indicators serve under faults: an instance killed, a rolling restart, a broker killed; nothing lost, nothing counted twice")
@ExtendWith(SharedIndicatorStack.class)
class ServeFaultTest {

    /** At least this many distinct events per test ({@code -Dindicators.fault.events=N} for a shorter or longer run). */
    private static final int EVENTS = Integer.getInteger("indicators.fault.events", 100_000);
    private static final int BATCH = 250;
    private static final int CLIENTS = 3;
    private static final String INDICATOR = "mediation.received";
    /** Counties in six provinces, so that the provinces' totals live in tasks spread over the instances. */
    private static final List<String> COUNTIES = List.of("310118", "410212", "110105", "440305", "510104", "140302");
    /** A bound for a loaded 2-core machine, not a speed claim. */
    private static final Duration BOUND = Duration.ofMinutes(6);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void one_of_three_instances_killed_under_load_the_others_answer_every_region_and_every_accepted_event_counts_once(
            IndicatorStack stack, @TempDir Path dir) throws Exception {
        String day = "2009-09-09";
        Path distribution = ServeDistribution.unpack(Files.createDirectories(dir.resolve("dist")));
        String applicationId = "serve-fault-kill-" + UUID.randomUUID();
        List<ServeProcess> up = new CopyOnWriteArrayList<>();
        List<ServeProcess> all = new ArrayList<>();
        try {
            for (String name : List.of("a", "b", "c")) all.add(startReady(distribution, stack, applicationId, dir, name, up));
            try (IngestLoad load = IngestLoad.start(up, COUNTIES, day, EVENTS, BATCH, CLIENTS);
                 AnswerWatch watch = AnswerWatch.start(up, regions(), INDICATOR, "day:" + day)) {
                // Given three instances counting a steady stream of events
                load.awaitAcknowledged(EVENTS / 3, BOUND);

                // When one of them is killed with SIGKILL in the middle of it
                ServeProcess victim = all.get(2);
                up.remove(victim);
                long killed = System.nanoTime();
                victim.kill();

                // Then the other two answer every region again (the dead one's tasks taken over)
                Duration complete = watch.completeAgain(killed, killed, BOUND);
                load.finish();
                long finished = System.nanoTime();
                CaughtUp.await(stack.bootstrapServers(), applicationId, BOUND);
                Duration caughtUp = Duration.ofNanos(System.nanoTime() - finished);

                // and each answers every region's total equal to the recount of what ingest answered 202 for
                Map<String, Long> recount = recount(load.acknowledged());
                List<Map<String, Long>> answers = new ArrayList<>();
                for (ServeProcess survivor : up) answers.add(totals(survivor, day));
                System.out.printf("[fault] instance SIGKILL: survivors' answers against the recount (nation %d): %s%n",
                        recount.get("000000"), lostAndTwice(recount, answers));
                for (Map<String, Long> answer : answers) assertThat(answer).isEqualTo(recount);

                // and the killed instance, started again on its state directory, answers the same
                long restarted = System.nanoTime();
                ServeProcess again = startReady(distribution, stack, applicationId, dir, "c", up);
                all.add(again);
                Duration rejoined = watch.completeAgain(restarted, System.nanoTime(), BOUND);
                List<Map<String, Long>> afterRestart = new ArrayList<>();
                for (ServeProcess instance : up) afterRestart.add(totals(instance, day));
                for (Map<String, Long> answer : afterRestart) assertThat(answer).isEqualTo(recount);

                System.out.printf("[fault] instance SIGKILL under load: every region answered by both survivors again %.1f s after the kill; "
                                + "caught up %.1f s after the load ended; restarted instance answering with the others after %.1f s%n"
                                + "[fault] ingest: %s%n[fault] queries: statuses %s, %d answers below an earlier one%n"
                                + "[fault] recount: nation %d; all three instances after the restart: %s%n",
                        seconds(complete), seconds(caughtUp), seconds(rejoined), load.summary(), watch.statuses(),
                        watch.answersBelowAnEarlierOne(), recount.get("000000"), lostAndTwice(recount, afterRestart));
                // and ingest and queries answered only as they may, throughout
                assertThat(load.violations()).as("ingest answers").isEmpty();
                assertThat(watch.violations()).as("query answers").isEmpty();
            }
        } finally {
            all.forEach(ServeProcess::close);
        }
    }

    @Test
    void a_rolling_restart_of_three_instances_under_load_loses_nothing_and_counts_nothing_twice(
            IndicatorStack stack, @TempDir Path dir) throws Exception {
        String day = "2010-10-10";
        Path distribution = ServeDistribution.unpack(Files.createDirectories(dir.resolve("dist")));
        String applicationId = "serve-fault-rolling-" + UUID.randomUUID();
        List<ServeProcess> up = new CopyOnWriteArrayList<>();
        List<ServeProcess> all = new ArrayList<>();
        try {
            for (String name : List.of("a", "b", "c")) all.add(startReady(distribution, stack, applicationId, dir, name, up));
            try (IngestLoad load = IngestLoad.start(up, COUNTIES, day, EVENTS, BATCH, CLIENTS);
                 AnswerWatch watch = AnswerWatch.start(up, regions(), INDICATOR, "day:" + day)) {
                load.awaitAcknowledged(EVENTS / 4, BOUND);

                // When each instance in turn is stopped (SIGTERM) and started again on its state directory, under load
                List<String> steps = new ArrayList<>();
                for (String name : List.of("a", "b", "c")) {
                    ServeProcess old = up.stream().filter(p -> p.instanceId().equals("serve-fault-" + name)).findFirst().orElseThrow();
                    up.remove(old);
                    long stopping = System.nanoTime();
                    assertThat(old.terminate()).as(old.instanceId() + " stopped after SIGTERM").isTrue();
                    Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
                    ServeProcess again = startReady(distribution, stack, applicationId, dir, name, up);
                    all.add(again);
                    Duration complete = watch.completeAgain(stopping, System.nanoTime(), BOUND);
                    steps.add("%s: stopped in %.1f s, all three answering every region %.1f s after SIGTERM".formatted(
                            old.instanceId(), seconds(stopped), seconds(complete)));
                }
                load.finish();
                CaughtUp.await(stack.bootstrapServers(), applicationId, BOUND);

                // Then every instance answers every region's total equal to the recount of what ingest answered 202 for
                Map<String, Long> recount = recount(load.acknowledged());
                List<Map<String, Long>> answers = new ArrayList<>();
                for (ServeProcess instance : up) answers.add(totals(instance, day));
                System.out.printf("[fault] rolling restart: answers of all three against the recount (nation %d): %s%n",
                        recount.get("000000"), lostAndTwice(recount, answers));
                for (Map<String, Long> answer : answers) assertThat(answer).isEqualTo(recount);
                System.out.printf("[fault] rolling restart under load:%n[fault]   %s%n[fault] ingest: %s%n"
                                + "[fault] queries: statuses %s, %d answers below an earlier one, %d bare 503s from instances being stopped%n",
                        String.join("%n[fault]   ".formatted(), steps), load.summary(), watch.statuses(),
                        watch.answersBelowAnEarlierOne(), watch.bare503sWhileStopping());
                assertThat(load.violations()).as("ingest answers").isEmpty();
                assertThat(watch.violations()).as("query answers").isEmpty();
            }
        } finally {
            all.forEach(ServeProcess::close);
        }
    }

    @Test
    void one_of_three_brokers_killed_under_load_producers_and_instances_go_on_and_no_acknowledged_event_is_lost(@TempDir Path dir) throws Exception {
        String day = "2011-11-11";
        Path distribution = ServeDistribution.unpack(Files.createDirectories(dir.resolve("dist")));
        String applicationId = "serve-fault-broker-" + UUID.randomUUID();
        List<ServeProcess> up = new CopyOnWriteArrayList<>();
        List<ServeProcess> all = new ArrayList<>();
        // its own cluster of three brokers (what demo --brokers 3 runs), not the shared one-broker stack
        try (IndicatorStack stack = IndicatorStack.start(StackOptions.defaults().withBrokers(3))) {
            try {
                for (String name : List.of("a", "b", "c")) all.add(startReady(distribution, stack, applicationId, dir, name, up));
                try (IngestLoad load = IngestLoad.start(up, COUNTIES, day, EVENTS, BATCH, CLIENTS);
                     AnswerWatch watch = AnswerWatch.start(up, regions(), INDICATOR, "day:" + day)) {
                    load.awaitAcknowledged(EVENTS / 3, BOUND);

                    // When one of the three brokers is killed with SIGKILL in the middle of it
                    EmbeddedKafka victim = stack.brokers().get(1);
                    long killed = System.nanoTime();
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    long acknowledgedAtKill = load.acknowledged().size();

                    // Then ingest goes on (two replicas of every partition remain, min.insync.replicas 2 is met)
                    load.awaitAcknowledged(acknowledgedAtKill + EVENTS / 10, BOUND);
                    Duration ingestOn = Duration.ofNanos(System.nanoTime() - killed);
                    Duration complete = watch.completeAgain(killed, System.nanoTime(), BOUND);
                    load.finish();
                    String survivors = stack.brokers().stream().filter(b -> b != victim).map(EmbeddedKafka::bootstrapServers)
                            .collect(java.util.stream.Collectors.joining(","));
                    CaughtUp.await(survivors, applicationId, BOUND);

                    // and every instance answers every region's total equal to the recount of what ingest answered 202 for
                    Map<String, Long> recount = recount(load.acknowledged());
                    List<Map<String, Long>> answers = new ArrayList<>();
                    for (ServeProcess instance : up) answers.add(totals(instance, day));
                    System.out.printf("[fault] broker SIGKILL under load: %d more events acknowledged %.1f s after the kill; "
                                    + "every instance answering every region %.1f s after it%n[fault] ingest: %s%n"
                                    + "[fault] queries: statuses %s, %d answers below an earlier one%n"
                                    + "[fault] recount: nation %d; all three instances: %s%n",
                            EVENTS / 10, seconds(ingestOn), seconds(complete), load.summary(), watch.statuses(),
                            watch.answersBelowAnEarlierOne(), recount.get("000000"), lostAndTwice(recount, answers));
                    for (Map<String, Long> answer : answers) assertThat(answer).isEqualTo(recount);
                    assertThat(load.violations()).as("ingest answers").isEmpty();
                    assertThat(watch.violations()).as("query answers").isEmpty();
                    assertThat(replication(survivors)).as("replicas and min.insync.replicas of every topic")
                            .allSatisfy((topic, replicas) -> assertThat(replicas).as(topic).isEqualTo("3 replicas, min.insync.replicas 2"));
                }
            } finally {
                all.forEach(ServeProcess::close);
            }
        }
    }

    /** Topic → "N replicas, min.insync.replicas M", of every topic of the cluster (ours, the streams app's, Kafka's, the registry's). */
    private static Map<String, String> replication(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            var descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            var resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            Map<String, String> result = new TreeMap<>();
            descriptions.forEach((name, d) -> result.put(name, d.partitions().get(0).replicas().size() + " replicas, min.insync.replicas "
                    + configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas").value()));
            return result;
        }
    }

    /** Starts instance {@code serve-fault-<name>} (one standby replica of every store) and adds it to {@code up} once ready. */
    private ServeProcess startReady(Path distribution, IndicatorStack stack, String applicationId, Path dir, String name,
                                   List<ServeProcess> up) throws Exception {
        Map<String, String> env = ServeProcess.environment(stack, applicationId, dir.resolve("state-" + name));
        env.put("INDICATORS_NUM_STANDBY_REPLICAS", "1");
        ServeProcess instance = ServeProcess.start(distribution, env, "--instance-id", "serve-fault-" + name);
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (status(instance.baseUrl() + "/health/ready") != 200) {
            if (System.nanoTime() > deadline || !instance.alive()) {
                instance.close();
                throw new AssertionError(instance.instanceId() + " never became ready; its output:\n" + instance.output());
            }
            Thread.sleep(200);
        }
        up.add(instance);
        return instance;
    }

    private int status(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static List<String> regions() {
        return List.copyOf(recount(Map.of()).keySet());
    }

    /**
     * The expected totals, counted here from the events answered 202 (each eventId once) and the codes' own digits:
     * each county, its province ({@code XX0000}) and the nation; a region without events expects 0.
     */
    private static Map<String, Long> recount(Map<String, String> acknowledged) {
        Map<String, Long> totals = new TreeMap<>();
        for (String county : COUNTIES) {
            totals.put(county, 0L);
            totals.put(county.substring(0, 2) + "0000", 0L);
        }
        totals.put("000000", 0L);
        for (String county : acknowledged.values()) {
            totals.merge(county, 1L, Long::sum);
            totals.merge(county.substring(0, 2) + "0000", 1L, Long::sum);
            totals.merge("000000", 1L, Long::sum);
        }
        return totals;
    }

    /**
     * Every region's total on {@code day} as {@code instance} answers it, each read once: a 503 (a rebalance still
     * settling) is asked again, a 200 is taken as it is.
     */
    private Map<String, Long> totals(ServeProcess instance, String day) throws Exception {
        Map<String, Long> answers = new TreeMap<>();
        for (String region : regions()) {
            URI uri = URI.create(instance.baseUrl() + "/api/v1/totals?region=" + region + "&indicator=" + INDICATOR + "&period=day:" + day);
            long deadline = System.nanoTime() + BOUND.toNanos();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            while (answer.statusCode() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(answer.statusCode()).as("%s for %s: %s", instance.instanceId(), region, answer.body()).isEqualTo(200);
            answers.put(region, json.readTree(answer.body()).path("value").asLong());
        }
        return answers;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** "lost L, counted twice D" over the counties (each event counts in exactly one) of every instance's answers. */
    private static String lostAndTwice(Map<String, Long> recount, List<Map<String, Long>> answers) {
        long lost = 0;
        long twice = 0;
        for (Map<String, Long> answer : answers) {
            for (String county : COUNTIES) {
                long difference = answer.getOrDefault(county, 0L) - recount.get(county);
                if (difference < 0) lost -= difference;
                else twice += difference;
            }
        }
        return "lost %d, counted twice %d".formatted(lost, twice);
    }
}
