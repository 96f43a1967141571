package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.MpReach;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import dev.junction.bgp.wire.UnknownAttribute;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/** Conversion between an UPDATE's path attributes and {@link RouteAttributes}. */
public final class WireAttributes {
    private WireAttributes() {
    }

    /**
     * The attributes of the routes of {@code family} in an UPDATE whose AS numbers are already in 4-octet form.
     * The next hop is NEXT_HOP for IPv4 in the NLRI field, else MP_REACH_NLRI's (global) next hop (RFC 4760 §3,
     * RFC 2545 §3). Unrecognised non-transitive attributes are dropped and transitive ones get the Partial bit
     * (RFC 4271 §5).
     */
    public static RouteAttributes fromWire(List<PathAttribute> attributes, AfiSafi family) {
        int origin = 0;
        List<AsPathSegment> path = List.of();
        InetAddress nextHop = null;
        OptionalLong med = OptionalLong.empty();
        OptionalLong localPref = OptionalLong.empty();
        List<Long> communities = List.of();
        boolean atomic = false;
        PathAttribute.Aggregator aggregator = null;
        Inet4Address originator = null;
        List<Inet4Address> clusters = List.of();
        List<UnknownAttribute> unknown = new ArrayList<>();
        for (PathAttribute a : attributes) {
            switch (a) {
                case PathAttribute.Origin o -> origin = o.value();
                case PathAttribute.AsPath p -> path = p.segments();
                case PathAttribute.NextHop nh -> {
                    if (nextHop == null && family.equals(AfiSafi.IPV4_UNICAST)) nextHop = nh.address();
                }
                case MpReach r -> {
                    if (r.family().equals(family)) nextHop = address(Arrays.copyOf(r.nextHop(), Math.min(16, r.nextHop().length)));
                }
                case PathAttribute.MultiExitDisc m -> med = OptionalLong.of(m.value());
                case PathAttribute.LocalPref lp -> localPref = OptionalLong.of(lp.value());
                case PathAttribute.Communities c -> communities = c.values();
                case PathAttribute.AtomicAggregate x -> atomic = true;
                case PathAttribute.Aggregator g -> aggregator = g;
                case PathAttribute.OriginatorId id -> originator = id.id();
                case PathAttribute.ClusterList cl -> clusters = cl.ids();
                case UnknownAttribute u -> u.forPropagation().ifPresent(unknown::add);
                default -> {
                    // MP_UNREACH_NLRI carries no route attributes; AS4_* were merged before (RFC 6793 §4.2.3).
                }
            }
        }
        return new RouteAttributes(origin, path, nextHop, med, localPref, communities, atomic, aggregator, originator, clusters, unknown);
    }

    /**
     * The path attributes for announcing {@code mpNlri} (IPv6) or, for IPv4, the attributes to go with the NLRI
     * field. The next hop must be set by now ({@link ExportRules}). Order follows the type codes; the encoder writes
     * MP_REACH_NLRI first (RFC 7606 §5.1).
     */
    public static List<PathAttribute> toWire(RouteAttributes a, AfiSafi family, List<Prefix> mpNlri) {
        if (a.nextHop() == null) throw new IllegalArgumentException("next hop not resolved for export");
        List<PathAttribute> out = new ArrayList<>();
        out.add(new PathAttribute.Origin(a.origin()));
        out.add(new PathAttribute.AsPath(a.asPath()));
        boolean v4 = family.equals(AfiSafi.IPV4_UNICAST);
        if (v4) out.add(new PathAttribute.NextHop((Inet4Address) a.nextHop()));
        a.med().ifPresent(m -> out.add(new PathAttribute.MultiExitDisc(m)));
        a.localPref().ifPresent(lp -> out.add(new PathAttribute.LocalPref(lp)));
        if (a.atomicAggregate()) out.add(new PathAttribute.AtomicAggregate());
        if (a.aggregator() != null) out.add(a.aggregator());
        if (!a.communities().isEmpty()) out.add(new PathAttribute.Communities(a.communities()));
        if (a.originatorId() != null) out.add(new PathAttribute.OriginatorId(a.originatorId()));
        if (!a.clusterList().isEmpty()) out.add(new PathAttribute.ClusterList(a.clusterList()));
        out.addAll(a.unknown());
        if (!v4) out.add(new MpReach(family, a.nextHop().getAddress(), mpNlri));
        return out;
    }

    private static InetAddress address(byte[] raw) {
        try {
            // InetAddress.getByAddress turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d, what GoBGP sends for IPv6
            // routes over an IPv4 session without an IPv6 next hop) into an Inet4Address, which is then no valid
            // IPv6 next hop on export; Inet6Address keeps the 16 octets as they came.
            if (raw.length == 16) return Inet6Address.getByAddress(null, raw, null);
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
