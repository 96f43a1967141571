package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.Prefix;

/**
 * One path to a prefix as held in an Adj-RIB-In (after import policy) and offered to the Loc-RIB.
 *
 * @param sequence when it was learned, as a speaker-wide counter: smaller is older (RFC 5004 tie-break)
 */
public record Route(Prefix prefix, Source source, RouteAttributes attributes, long sequence) {
    public AfiSafi family() {
        return AfiSafi.unicast(prefix.family());
    }

    /** Same source and attributes: a re-announcement that changes nothing. */
    public boolean sameAs(Route other) {
        return other != null && source.address().equals(other.source.address()) && attributes.equals(other.attributes);
    }

    /** E.g. {@code 10.9.0.0/16 from 192.0.2.1 (AS65001) path [65001 {65002 65003}] nh 192.0.2.1}. */
    @Override
    public String toString() {
        StringBuilder path = new StringBuilder();
        for (AsPathSegment s : attributes.asPath()) {
            if (!path.isEmpty()) path.append(' ');
            String asns = s.asns().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" "));
            path.append(s.type() == AsPathSegment.Type.AS_SEQUENCE ? asns : "{" + asns + "}");
        }
        return prefix + " from " + source + " path [" + path + "] nh "
                + (attributes.nextHop() == null ? "self" : attributes.nextHop().getHostAddress());
    }
}
