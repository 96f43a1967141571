package dev.junction.router.plan;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Test nodes. IP plan: node nK has 192.168.1.K and fd00:1::K, pod CIDRs 10.244.K.0/24 and fd00:244:K::/64;
 * "far" nodes sit in 192.168.2.0/24.
 */
final class Nodes {
    private Nodes() {}

    static InetAddress ip(String text) {
        return Addresses.inet(Ip.of(text));
    }

    static RouterNode dual(int k) {
        return RouterNode.of("n" + k, Optional.of((Inet4Address) ip("192.168.1." + k)), Optional.of((Inet6Address) ip("fd00:1::" + k)),
                List.of(Cidr.of("10.244." + k + ".0/24"), Cidr.of("fd00:244:" + k + "::/64")));
    }

    static RouterNode v4(int k) {
        return RouterNode.of("n" + k, Optional.of((Inet4Address) ip("192.168.1." + k)), Optional.empty(), List.of(Cidr.of("10.244." + k + ".0/24")));
    }

    static RouterNode v6(int k) {
        return RouterNode.of("n" + k, Optional.empty(), Optional.of((Inet6Address) ip("fd00:1::" + k)), List.of(Cidr.of("fd00:244:" + k + "::/64")));
    }

    static RouterNode withAsn(RouterNode n, long asn) {
        return new RouterNode(n.name(), n.ipv4(), n.ipv6(), n.podCidrs(), OptionalLong.of(asn), n.rrServer(), n.rrClient(), n.peers(),
                n.communities(), n.prepend(), n.importReject());
    }

    static RouterNode rrServer(RouterNode n, long clusterId) {
        return new RouterNode(n.name(), n.ipv4(), n.ipv6(), n.podCidrs(), n.asn(), Optional.of(clusterId), n.rrClient(), n.peers(),
                n.communities(), n.prepend(), n.importReject());
    }

    static RouterNode rrClient(RouterNode n, long clusterId) {
        return new RouterNode(n.name(), n.ipv4(), n.ipv6(), n.podCidrs(), n.asn(), n.rrServer(), Optional.of(clusterId), n.peers(),
                n.communities(), n.prepend(), n.importReject());
    }

    static RouterNode withExport(RouterNode n, List<ExternalPeer> peers, List<Long> communities, Optional<RouterNode.PathPrepend> prepend,
                                 List<Cidr> importReject) {
        return new RouterNode(n.name(), n.ipv4(), n.ipv6(), n.podCidrs(), n.asn(), n.rrServer(), n.rrClient(), peers, communities, prepend,
                importReject);
    }
}
