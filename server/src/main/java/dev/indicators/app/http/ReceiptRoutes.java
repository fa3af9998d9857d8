package dev.indicators.app.http;

import dev.indicators.app.receipt.EventReceipts;
import io.javalin.config.RoutesConfig;

import java.util.Map;

/**
 * {@code GET /api/v1/events/{eventId}}: what became of an event this process accepted: {@code pending},
 * {@code counted} or {@code rejected} with the reason, and where it was stored. 404 for an eventId this process did
 * not accept or no longer remembers (the last {@code INDICATORS_INGEST_RECEIPTS} accepted events since it started).
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
            ctx.json(receipts.find(eventId).orElseThrow(() -> new NotFoundException("eventId '" + eventId
                    + "' was not accepted by this instance's ingest, or is no longer remembered (it keeps the last "
                    + receipts.retention() + " accepted events since it started)")));
        });
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("GET " + IngestRoutes.PATH + "/{eventId}", "receipt: pending | counted | rejected (with reason)");
    }
}
