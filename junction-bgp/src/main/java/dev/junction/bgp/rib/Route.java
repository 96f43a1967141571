package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.AddressFamily;
import dev.junction.bgp.wire.Prefix;

import java.util.Objects;

/**
 * One path to a prefix as held in an Adj-RIB-In (after import policy) and offered to the Loc-RIB. A value with
 * the equality of a record of its four components; not a record because a full table holds a million of these,
 * and an IPv4 prefix kept as its {@link Prefix#ipv4Key() long key} (built again on {@link #prefix()}) makes a route
 * 40 octets instead of 80 with its Prefix and address array. The attributes are shared between routes
 * ({@link AttributeInterner}).
 */
public final class Route implements KeyedTable.Keyed {
    private final long ipv4Key; // -1 unless IPv4
    private final Prefix other; // null for IPv4
    private final Source source;
    private final RouteAttributes attributes;
    private final long sequence;

    /**
     * @param sequence when it was learned, as a speaker-wide counter: smaller is older (RFC 5004 tie-break)
     */
    public Route(Prefix prefix, Source source, RouteAttributes attributes, long sequence) {
        this.ipv4Key = prefix.ipv4Key();
        this.other = ipv4Key < 0 ? prefix : null;
        this.source = Objects.requireNonNull(source);
        this.attributes = Objects.requireNonNull(attributes);
        this.sequence = sequence;
    }

    public Prefix prefix() {
        return other != null ? other : Prefix.ofIpv4Key(ipv4Key);
    }

    /** The prefix as its {@link Prefix#ipv4Key()}, or -1 if it is not IPv4. */
    @Override
    public long ipv4Key() {
        return ipv4Key;
    }

    public Source source() {
        return source;
    }

    public RouteAttributes attributes() {
        return attributes;
    }

    public long sequence() {
        return sequence;
    }

    public AfiSafi family() {
        return AfiSafi.unicast(other != null ? other.family() : AddressFamily.IPV4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && r.ipv4Key == ipv4Key && Objects.equals(r.other, other) && r.source.equals(source)
                && r.attributes.equals(attributes) && r.sequence == sequence;
    }

    @Override
    public int hashCode() {
        int h = other != null ? other.hashCode() : Long.hashCode(ipv4Key);
        return ((h * 31 + source.hashCode()) * 31 + attributes.hashCode()) * 31 + Long.hashCode(sequence);
    }

    /** Same source and attributes: a re-announcement that changes nothing. */
    public boolean sameAs(Route other) {
        return other != null && source.address().equals(other.source.address())
                && (attributes == other.attributes || attributes.equals(other.attributes));
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
        return prefix() + " from " + source + " path [" + path + "] nh "
                + (attributes.nextHop() == null ? "self" : attributes.nextHop().getHostAddress());
    }
}
