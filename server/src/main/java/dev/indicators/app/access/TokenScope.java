package dev.indicators.app.access;

import dev.indicators.contract.region.Region;
import dev.indicators.contract.region.RegionCode;
import dev.indicators.contract.region.RegionTable;
import dev.indicators.contract.validation.FieldError;
import dev.indicators.contract.validation.ParsedEvent;
import dev.indicators.producer.ingest.IngestCaller;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a publisher token may publish: events of its department, of its event types, for a region inside one of its
 * region subtrees. A subtree is a region and everything under it in the region table (the region's lineage, by the
 * table's parents, names it): 310000 covers Shanghai's districts and 310118 Qingpu; 410212 Xiangfu is under 410000.
 */
public final class TokenScope implements IngestCaller.Scope {

    private final AccessToken token;
    private final RegionTable regions;

    public TokenScope(AccessToken token, RegionTable regions) {
        this.token = token;
        this.regions = regions;
    }

    @Override
    public Optional<FieldError> refusal(ParsedEvent parsed) {
        if (token.role() == AccessToken.Role.ADMIN) return Optional.empty();
        SpecificRecord event = parsed.event();
        String type = parsed.type().map(t -> t.jsonName()).orElse("?");
        String region = field(event, "regionCode");
        String department = field(event, "department");
        String what = "event '" + parsed.eventId() + "' (" + type + ", region " + describe(region) + ", department " + department + ")";
        if (token.role() != AccessToken.Role.PUBLISHER) {
            return Optional.of(new FieldError("(token)", token.id(), what + ": token '" + token.id() + "' may only read"));
        }
        if (!token.department().orElseThrow().equals(department)) {
            return Optional.of(new FieldError("department", department, what + " is outside " + allows()));
        }
        if (parsed.type().isEmpty() || !token.eventTypes().contains(parsed.type().get())) {
            return Optional.of(new FieldError("type", type, what + " is outside " + allows()));
        }
        boolean inside = regions.lineage(new RegionCode(region)).stream()
                .anyMatch(r -> token.regions().contains(r.code().value()));
        if (!inside) {
            return Optional.of(new FieldError("regionCode", region, what + " is outside " + allows()));
        }
        return Optional.empty();
    }

    /** What the token allows, in words, for the 403 answer. */
    String allows() {
        return "token '" + token.id() + "', which allows department " + token.department().orElse("-") + ", event types "
                + token.eventTypes().stream().map(t -> t.jsonName()).sorted().collect(Collectors.joining(", "))
                + ", regions " + token.regions().stream().map(this::describe).collect(Collectors.joining(", ")) + " and below";
    }

    private String describe(String code) {
        return code + regions.find(code).map(Region::nameEn).filter(n -> !n.isBlank()).map(n -> " " + n).orElse("");
    }

    private static String field(SpecificRecord event, String name) {
        return String.valueOf(event.get(event.getSchema().getField(name).pos()));
    }
}
