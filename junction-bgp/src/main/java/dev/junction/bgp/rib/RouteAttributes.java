package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.UnknownAttribute;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A route's path attributes in the form route selection and policy work with (RFC 4271 §5). Immutable; the
 * {@code with...} methods return copies. Conversion from and to wire attributes is in {@link WireAttributes}.
 *
 * @param origin          0 IGP, 1 EGP, 2 INCOMPLETE (RFC 4271 §5.1.1)
 * @param asPath          AS_PATH segments with 4-octet AS numbers (RFC 6793 §4.2.3 merge already done)
 * @param nextHop         the NEXT_HOP (or MP_REACH_NLRI global next hop); null for a locally originated route, which
 *                        takes the session's own address when exported
 * @param unknown         unrecognised optional transitive attributes, passed on with the Partial bit (RFC 4271 §5)
 */
public record RouteAttributes(int origin, List<AsPathSegment> asPath, InetAddress nextHop, OptionalLong med,
                              OptionalLong localPref, List<Long> communities, boolean atomicAggregate,
                              PathAttribute.Aggregator aggregator, Inet4Address originatorId,
                              List<Inet4Address> clusterList, List<UnknownAttribute> unknown) {
    public RouteAttributes {
        if (origin < 0 || origin > 2) throw new IllegalArgumentException("ORIGIN " + origin);
        asPath = List.copyOf(asPath);
        communities = List.copyOf(communities);
        clusterList = List.copyOf(clusterList);
        unknown = List.copyOf(unknown);
    }

    /** A locally originated route: ORIGIN IGP, empty AS_PATH, next hop self. */
    public static RouteAttributes local(List<Long> communities) {
        return new RouteAttributes(0, List.of(), null, OptionalLong.empty(), OptionalLong.empty(), communities,
                false, null, null, List.of(), List.of());
    }

    /** AS path length for selection: AS_SET counts one, confederation segments zero (RFC 4271 §9.1.2.2 (a)). */
    public int asPathLength() {
        return asPath.stream().mapToInt(AsPathSegment::pathLength).sum();
    }

    /**
     * RFC 4271 §9.1.2.2 (c) neighborAS: the first AS of a leading AS_SEQUENCE; for a route originated inside our AS
     * (empty path, or one starting with an AS_SET) it is the local AS.
     */
    public long neighborAs(long localAsn) {
        if (!asPath.isEmpty() && asPath.getFirst().type() == AsPathSegment.Type.AS_SEQUENCE) return asPath.getFirst().asns().getFirst();
        return localAsn;
    }

    public boolean pathContains(long asn) {
        return asPath.stream().anyMatch(s -> s.asns().contains(asn));
    }

    public RouteAttributes withNextHop(InetAddress nh) {
        return new RouteAttributes(origin, asPath, nh, med, localPref, communities, atomicAggregate, aggregator, originatorId, clusterList, unknown);
    }

    public RouteAttributes withMed(OptionalLong m) {
        return new RouteAttributes(origin, asPath, nextHop, m, localPref, communities, atomicAggregate, aggregator, originatorId, clusterList, unknown);
    }

    public RouteAttributes withLocalPref(OptionalLong lp) {
        return new RouteAttributes(origin, asPath, nextHop, med, lp, communities, atomicAggregate, aggregator, originatorId, clusterList, unknown);
    }

    public RouteAttributes withCommunities(List<Long> c) {
        return new RouteAttributes(origin, asPath, nextHop, med, localPref, c, atomicAggregate, aggregator, originatorId, clusterList, unknown);
    }

    public RouteAttributes withReflection(Inet4Address originator, List<Inet4Address> clusters) {
        return new RouteAttributes(origin, asPath, nextHop, med, localPref, communities, atomicAggregate, aggregator, originator, clusters, unknown);
    }

    /** {@code asn} prepended {@code times} times to a leading AS_SEQUENCE, or as a new one (RFC 4271 §5.1.2). */
    public RouteAttributes prepend(long asn, int times) {
        if (times <= 0) return this;
        List<AsPathSegment> out = new ArrayList<>();
        List<Long> lead = new ArrayList<>();
        for (int i = 0; i < times; i++) lead.add(asn);
        int rest = 0;
        if (!asPath.isEmpty() && asPath.getFirst().type() == AsPathSegment.Type.AS_SEQUENCE
                && asPath.getFirst().asns().size() + times <= 255) {
            // RFC 4271 §5.1.2 (b): "prepend its own AS number as the last element of the sequence".
            lead.addAll(asPath.getFirst().asns());
            rest = 1;
        }
        out.add(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, lead));
        out.addAll(asPath.subList(rest, asPath.size()));
        return new RouteAttributes(origin, out, nextHop, med, localPref, communities, atomicAggregate, aggregator, originatorId, clusterList, unknown);
    }
}
