package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AsPathSegment;
import dev.junction.bgp.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/** Test builders for routes. Our AS is 64512, router id 10.0.0.100. */
final class Routes {
    static final long LOCAL_AS = 64512;
    static final Inet4Address ROUTER_ID = ip4("10.0.0.100");

    private Routes() {
    }

    static Inet4Address ip4(String s) {
        return Inet4Address.ofLiteral(s);
    }

    static Source ibgp(String address) {
        return Source.peer(ip4(address), LOCAL_AS, LOCAL_AS, ip4(address), false);
    }

    static Source client(String address) {
        return Source.peer(ip4(address), LOCAL_AS, LOCAL_AS, ip4(address), true);
    }

    static Source ebgp(String address, long asn) {
        return Source.peer(ip4(address), asn, LOCAL_AS, ip4(address), false);
    }

    static RouteAttributes attrs(String nextHop, long... path) {
        List<AsPathSegment> p = path.length == 0 ? List.of() : List.of(AsPathSegment.sequence(path));
        InetAddress nh = nextHop == null ? null : InetAddress.ofLiteral(nextHop);
        return new RouteAttributes(0, p, nh, OptionalLong.empty(), OptionalLong.empty(), List.of(), false, null, null, List.of(), List.of());
    }

    static Route route(String prefix, Source source, RouteAttributes a, long seq) {
        return new Route(Prefix.parse(prefix), source, a, seq);
    }

    static RouteAttributes withOrigin(RouteAttributes a, int origin) {
        return new RouteAttributes(origin, a.asPath(), a.nextHop(), a.med(), a.localPref(), a.communities(), a.atomicAggregate(),
                a.aggregator(), a.originatorId(), a.clusterList(), a.unknown());
    }

    static RouteAttributes withClusters(RouteAttributes a, String originator, String... clusters) {
        return a.withReflection(originator == null ? null : ip4(originator), Arrays.stream(clusters).map(Routes::ip4).toList());
    }
}
