package dev.indicators.streams.query;

import dev.indicators.streams.app.StoreNames;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where {@link TotalsQuery} reads the totals store from: a running {@link KafkaStreams} (interactive queries over the
 * local instance's partitions) or any key-value store, e.g. one of a {@code TopologyTestDriver}.
 */
@FunctionalInterface
public interface TotalsStoreAccess {

    /** The totals store; throws {@link TotalsUnavailableException} when it cannot be read now. */
    ReadOnlyKeyValueStore<String, Long> totals();

    static TotalsStoreAccess of(ReadOnlyKeyValueStore<String, Long> store) {
        return () -> store;
    }

    /** The local instance's totals store of a running app (all its partitions, through one composite view). */
    static TotalsStoreAccess of(KafkaStreams streams) {
        return () -> {
            try {
                return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.TOTALS, QueryableStoreTypes.<String, Long>keyValueStore()));
            } catch (InvalidStateStoreException e) {
                throw new TotalsUnavailableException("totals are not readable now (streams state " + streams.state() + "): " + e.getMessage(), e);
            }
        };
    }
}
