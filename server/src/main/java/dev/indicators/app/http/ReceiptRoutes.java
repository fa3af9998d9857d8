package dev.indicators.app.http;

import dev.indicators.app.receipt.EventReceipts;
import io.javalin.config.RoutesConfig;

import java.util.Map;

/**
 * {@code GET /api/v1/events/{eventId}}: what became of an event this process accepted: {@code pending},
 * {@code counted} or {@code rejected} with the reason, and where it was stored. 404 for an eventId this process did
 * not accept or no longer remembers (the last {@code INDICATORS_INGEST_RECEIPTS} accepted events since it started).
 * With {@code ?topic=&partition=&offset=} (the import's receipts file, the library's {@code PublishResult}) it answers
 * for any event stored there, after checking that the record there has that eventId (400 if not).
 */
public final class ReceiptRoutes implements Routes {

    private final EventReceipts receipts;

    public ReceiptRoutes(EventReceipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void addTo(RoutesConfig routes, HttpSettings settings) {
        routes.get(IngestRoutes.PATH + "/{eventId}", ctx -> {
            String eventId = ctx.pathParam("eventId");
            String topic = ctx.queryParam("topic");
            String partition = ctx.queryParam("partition");
            String offset = ctx.queryParam("offset");
            if (topic != null || partition != null || offset != null) {
                // asked by place: an imported event, or one sent with the library
                if (topic == null || partition == null || offset == null) {
                    throw new BadRequestException("topic, partition and offset go together (the import's --receipts file and the "
                            + "library's PublishResult give all three)");
                }
                try {
                    ctx.json(receipts.find(eventId, topic, (int) Math.min(Integer.MAX_VALUE, number("partition", partition)), number("offset", offset)));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException(e.getMessage());
                } catch (java.util.NoSuchElementException e) {
                    throw new NotFoundException(e.getMessage());
                }
                return;
            }
            ctx.json(receipts.find(eventId).orElseThrow(() -> new NotFoundException("eventId '" + eventId
                    + "' was not accepted by this instance's ingest, or is no longer remembered (it keeps the last "
                    + receipts.retention() + " accepted events since it started); for an imported event, or one sent "
                    + "with the library, add ?topic=...&partition=...&offset=... (where it was stored)")));
        });
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("GET " + IngestRoutes.PATH + "/{eventId}", "receipt: pending | counted | rejected (with reason)");
    }
}
