package dev.indicators.producer.publish;

import dev.indicators.contract.EventType;

/** Where Kafka stored one published event. */
public record PublishResult(String eventId, EventType type, String key, String topic, int partition, long offset) {
}
