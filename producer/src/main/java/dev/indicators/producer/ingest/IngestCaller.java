package dev.indicators.producer.ingest;

import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.validation.ParsedEvent;

import java.util.Objects;
import java.util.Optional;

/**
 * Who sends an ingest request, as the HTTP layer authenticated it: the principal stamped on each event
 * ({@code published-by}) and the scope its events must stay within. {@link #anonymous()} is the open mode of before.
 *
 * @param publishedBy the principal for the {@code published-by} header; empty: no header
 * @param scope       refuses an event outside what the caller may publish (the reason names the event, its region and
 *                    what the caller may do); such an event is answered {@code forbidden} and not published
 */
public record IngestCaller(Optional<String> publishedBy, Scope scope) {

    /** What a caller may publish. */
    @FunctionalInterface
    public interface Scope {
        /** Empty when the (valid) event is within scope; otherwise why not. */
        Optional<FieldError> refusal(ParsedEvent event);
    }

    public IngestCaller {
        Objects.requireNonNull(publishedBy, "publishedBy");
        Objects.requireNonNull(scope, "scope");
    }

    public static IngestCaller anonymous() {
        return new IngestCaller(Optional.empty(), event -> Optional.empty());
    }
}
