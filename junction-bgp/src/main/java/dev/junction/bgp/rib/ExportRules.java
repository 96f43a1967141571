package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AddressFamily;
import dev.junction.bgp.wire.PathAttribute.Communities;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which best routes go to which peer, and how their attributes change on the way out, before export policy:
 * the iBGP/eBGP rules of RFC 4271 §5.1 and §9.2, route reflection (RFC 4456 §6, §8) and the well-known communities
 * (RFC 1997). Pure.
 */
public final class ExportRules {
    private ExportRules() {
    }

    /**
     * This speaker.
     *
     * @param clusterId      our CLUSTER_ID as a route reflector (RFC 4456 §7; by default the router id)
     * @param routeReflector we have route-reflector clients
     * @param defaultLocalPref LOCAL_PREF sent to internal peers for routes without one (RFC 4271 §5.1.5)
     */
    public record Local(long asn, Inet4Address routerId, Inet4Address clusterId, boolean routeReflector, long defaultLocalPref) {
    }

    /**
     * A peer with an Established session.
     *
     * @param nextHopV4 our address for IPv4 routes on this session (the local socket address, normally)
     * @param nextHopV6 our address for IPv6 routes, or null if the session has none (then IPv6 routes are not sent)
     */
    public record Target(Source peer, InetAddress nextHopV4, InetAddress nextHopV6) {
        public InetAddress self(AddressFamily family) {
            return family == AddressFamily.IPV4 ? nextHopV4 : nextHopV6;
        }
    }

    /** The attributes to advertise {@code best} with to {@code target}, or empty if it must not be advertised. */
    public static Optional<RouteAttributes> export(Route best, Target target, Local local) {
        Source from = best.source();
        Source to = target.peer();
        RouteAttributes a = best.attributes();
        // Never back to where it came from: an external peer would see its own AS (RFC 4271 §9.1.2), an internal
        // one its own route; RFC 4456 §6 reflects to "all the other" peers.
        if (from.kind() != Source.Kind.LOCAL && from.address().equals(to.address())) return Optional.empty();
        // RFC 1997: NO_ADVERTISE "MUST NOT be advertised to other BGP peers"; NO_EXPORT and NO_EXPORT_SUBCONFED
        // "MUST NOT be advertised outside a BGP confederation boundary" (we run no confederation).
        if (a.communities().contains(Communities.NO_ADVERTISE)) return Optional.empty();
        if (to.external() && (a.communities().contains(Communities.NO_EXPORT) || a.communities().contains(Communities.NO_EXPORT_SUBCONFED))) {
            return Optional.empty();
        }
        InetAddress self = target.self(best.prefix().family());
        if (to.external()) return toExternal(best, a, self, local);
        if (from.internal()) return reflect(from, to, a, local);
        // Local or external route to an internal peer.
        if (from.kind() == Source.Kind.LOCAL || a.nextHop() == null) {
            // RFC 4271 §5.1.3 (2): a locally originated route carries our address.
            if (self == null) return Optional.empty();
            a = a.withNextHop(self);
        }
        // RFC 4271 §5.1.3 (2): for a route learned from an external peer the NEXT_HOP is kept unless next-hop self is
        // configured (export policy). RFC 4271 §5.1.5: LOCAL_PREF "MUST" be included towards internal peers.
        return Optional.of(a.withLocalPref(OptionalLong.of(a.localPref().orElse(local.defaultLocalPref()))));
    }

    private static Optional<RouteAttributes> toExternal(Route best, RouteAttributes a, InetAddress self, Local local) {
        if (self == null) return Optional.empty();
        // RFC 4271 §5.1.2 (b): prepend our AS; §5.1.3 (1): NEXT_HOP is our address on the session (no third-party
        // next hop); §5.1.5: no LOCAL_PREF to external peers; RFC 4456 §8: ORIGINATOR_ID and CLUSTER_LIST are
        // optional non-transitive and meaningful only inside the AS.
        RouteAttributes out = a.prepend(local.asn(), 1).withNextHop(self).withLocalPref(OptionalLong.empty())
                .withReflection(null, List.of());
        // RFC 4271 §5.1.4: a MULTI_EXIT_DISC received from a neighbouring AS "MUST NOT be propagated to other
        // neighboring ASes"; one set locally (our route, or by import policy on an internal route) may go out.
        if (best.source().external()) out = out.withMed(OptionalLong.empty());
        return Optional.of(out);
    }

    /**
     * An internal route to an internal peer. RFC 4271 §9.2: routes learned from internal peers are not advertised
     * to internal peers, unless we reflect (RFC 4456 §6): a client's route goes to every other peer, a non-client's
     * only to clients. RFC 4456 §8: add ORIGINATOR_ID (the originator's router id, unless one is present) and
     * prepend our CLUSTER_ID to CLUSTER_LIST. §10: the reflector does not change NEXT_HOP.
     */
    private static Optional<RouteAttributes> reflect(Source from, Source to, RouteAttributes a, Local local) {
        if (!local.routeReflector() || !(from.routeReflectorClient() || to.routeReflectorClient())) return Optional.empty();
        Inet4Address originator = a.originatorId() != null ? a.originatorId() : from.routerId();
        List<Inet4Address> clusters = new ArrayList<>();
        clusters.add(local.clusterId());
        clusters.addAll(a.clusterList());
        RouteAttributes out = a.withReflection(originator, clusters);
        return Optional.of(out.withLocalPref(OptionalLong.of(a.localPref().orElse(local.defaultLocalPref()))));
    }
}
