package dev.indicators.bench;

import dev.indicators.streams.app.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The floor: the least a Kafka Streams application can do per event under the same conditions as the pipeline (the
 * same input topics and partitions, stream threads, commit interval, cache, producer settings and exactly_once_v2):
 * {@code groupByKey().count()} on the raw keys, in the default (RocksDB) store, each changed count written to a topic.
 * One exact state update per event: no design that keeps exact state in Kafka Streams can beat it on this machine,
 * so {@code pipeline / floor} says how much of what is possible the pipeline achieves.
 */
final class FloorPhase {

    /** What the floor run measured. */
    record Outcome(Throughput throughput, TopicWrites.Written written, ResourceUse.Usage usage) {
    }

    private FloorPhase() {
    }

    /** The floor topology: the input topics' raw keys counted, the counts written to {@code outputTopic}. */
    static Topology topology(List<String> inputs, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()).withName("floor-events"))
                .groupByKey()
                .count()
                .toStream()
                .to(outputTopic, Produced.with(Serdes.Bytes(), Serdes.Long()).withName("floor-counts-topic"));
        return builder.build();
    }

    /**
     * The pipeline's Kafka Streams configuration with its own application id and state directory, and no settings
     * that only the pipeline's topology understands (its timestamp extractor, handlers or serdes stay at the defaults).
     */
    static Properties properties(StreamsSettings pipeline, String applicationId, Path stateDir) {
        Properties p = pipeline.streamsProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.keySet().removeIf(k -> k.toString().startsWith("default.") || k.toString().contains("timestamp.extractor")
                || k.toString().contains("exception.handler") || k.toString().startsWith("apicurio."));
        return p;
    }

    static Outcome run(Admin admin, String bootstrapServers, List<String> inputs, int partitions, StreamsSettings pipeline,
                       String applicationId, Path stateDir, Map<TopicPartition, Long> inputEnds, long events,
                       OptionalLong brokerPid, Progress progress, Duration timeout) {
        String output = applicationId + "-counts";
        createTopic(admin, output, partitions);
        CatchUp catchUp = new CatchUp(admin, applicationId);
        TopicWrites writes = new TopicWrites(admin, catchUp, applicationId, output);
        TopicWrites.Snapshot before = writes.snapshot();
        ResourceUse.Snapshot used = ResourceUse.now(brokerPid);
        long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology(inputs, output), properties(pipeline, applicationId, stateDir))) {
            streams.start();
            Progress.Ticker ticker = progress.ticker("floor", events);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!catchUp.inputsReached(inputEnds)) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR) {
                    throw new BenchFailure("the floor app stopped (" + state + ") before counting every event; see its log above");
                }
                if (System.nanoTime() > deadline) throw new BenchFailure("the floor app did not catch up within " + timeout.toMinutes() + " minutes");
                ticker.update(catchUp.committedInputRecords(inputEnds.keySet()));
                PipelinePhase.sleep(100);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ResourceUse.Usage usage = used.until(ResourceUse.now(brokerPid), events);
            TopicWrites.Written written = writes.between(before, writes.snapshot(), streams.metrics());
            progress.line("floor: %,d events counted in %.1f s, %,.0f events/s (groupByKey().count(), %s, %d stream thread%s); wrote %.2f records "
                            + "and %.0f bytes per event; CPU %s µs/event in this JVM, %s in the broker",
                    events, seconds, events / seconds, pipeline.processingGuarantee(), pipeline.threads(), pipeline.threads() == 1 ? "" : "s",
                    written.totalRecords() / (double) events, written.totalBytes() / (double) events, usage.appCpuUsPerEvent(), usage.brokerCpuUsPerEvent());
            streams.close(Duration.ofSeconds(30));
            return new Outcome(Throughput.of(events, seconds, null), written, usage);
        }
    }

    private static void createTopic(Admin admin, String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw new BenchFailure("cannot create " + topic + ": " + e.getCause(), e);
        } catch (Exception e) {
            throw new BenchFailure("cannot create " + topic + ": " + e, e);
        }
    }
}
