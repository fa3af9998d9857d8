package dev.indicators.streams.codec;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not answer (unreachable, timing out, refusing credentials, failing with 5xx). Not a
 * property of the record: the record is not dead-lettered; processing stops and is retried (the stream thread is
 * replaced after a pause, resuming from the last committed offsets).
 */
public class RegistryUnavailableException extends RetriableException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
