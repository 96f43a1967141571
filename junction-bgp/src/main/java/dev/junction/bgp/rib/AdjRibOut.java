package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One peer's Adj-RIB-Out (RFC 4271 §3.2): what we advertised to it, after export rules and policy. Setting a
 * prefix returns the change to send only if it differs from what the peer already has, so re-selection that
 * changes nothing on the wire sends nothing.
 */
public final class AdjRibOut {
    /** An announcement ({@code attributes} present, with the next hop resolved) or a withdraw. */
    public record Change(Prefix prefix, Optional<RouteAttributes> attributes) {
        public AfiSafi family() {
            return AfiSafi.unicast(prefix.family());
        }
    }

    private final PrefixTable<RouteAttributes> advertised = new PrefixTable<>();

    public Optional<Change> set(Prefix prefix, Optional<RouteAttributes> attributes) {
        if (attributes.isEmpty()) {
            // Nothing advertised yet is the common case for a withdraw (e.g. iBGP routes not sent to iBGP peers).
            if (advertised.isEmpty()) return Optional.empty();
            return advertised.remove(prefix) == null ? Optional.empty() : Optional.of(new Change(prefix, Optional.empty()));
        }
        RouteAttributes old = advertised.put(prefix, attributes.get());
        return attributes.get().equals(old) ? Optional.empty() : Optional.of(new Change(prefix, attributes));
    }

    public Optional<RouteAttributes> get(Prefix prefix) {
        return Optional.ofNullable(advertised.get(prefix));
    }

    /** Everything advertised for a family, as announcements (ROUTE-REFRESH answers, RFC 2918 §4). */
    public List<Change> all(AfiSafi family) {
        List<Change> out = new ArrayList<>();
        advertised.forEach((p, a) -> {
            if (AfiSafi.unicast(p.family()).equals(family)) out.add(new Change(p, Optional.of(a)));
        });
        return out;
    }

    public int size() {
        return advertised.size();
    }

    public void clear() {
        advertised.clear();
    }
}
