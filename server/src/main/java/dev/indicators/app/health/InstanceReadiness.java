package dev.indicators.app.health;

import dev.indicators.streams.app.IndicatorStreamsApp;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.List;

/**
 * Which instance answers and what it holds: its name, the address other instances forward to, its streams state,
 * the totals tasks it serves now and how many standby tasks it keeps warm. Ready when the streams app is RUNNING and
 * this instance serves the totals tasks it was assigned (a task assigned but not yet restored answers 503 here and is
 * named in the detail), so a load balancer can tell which instance of several is not ready and why.
 */
public final class InstanceReadiness implements ReadinessCheck {

    private final String instanceId;
    private final String advertisedUrl;
    private final IndicatorStreamsApp app;

    public InstanceReadiness(String instanceId, String advertisedUrl, IndicatorStreamsApp app) {
        this.instanceId = instanceId;
        this.advertisedUrl = advertisedUrl;
        this.app = app;
    }

    @Override
    public String name() {
        return "instance";
    }

    @Override
    public Status check() {
        KafkaStreams.State state = app.state();
        List<String> serving = app.localTotalsTasks().stream().sorted().toList();
        long standby = state.isRunningOrRebalancing()
                ? app.kafkaStreams().metadataForLocalThreads().stream().mapToLong(t -> t.standbyTasks().size()).sum() : 0;
        long active = state.isRunningOrRebalancing()
                ? app.kafkaStreams().metadataForLocalThreads().stream().map(ThreadMetadata::activeTasks).mapToLong(java.util.Set::size).sum() : 0;
        String detail = instanceId + " at " + advertisedUrl + ": streams " + state + ", " + active + " active tasks, "
                + standby + " standby tasks, serving totals tasks " + serving;
        return state == KafkaStreams.State.RUNNING ? Status.ready(detail) : Status.notReady(detail);
    }
}
