package dev.junction.router.plan;

import dev.junction.model.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node as the router sees it: its addresses and pod CIDRs and the BGP settings of its {@code kube-router.io/*}
 * annotations, already checked (see {@link NodeAnnotations}).
 *
 * @param ipv4         the node's IPv4 address for peering: the first of status.addresses, InternalIP before ExternalIP
 * @param ipv6         likewise for IPv6
 * @param podCidrs     the prefixes its pods use, in kube-router's source order (see {@link NodeAnnotations})
 * @param asn          {@code node.asn}: its AS when the nodes are not one full mesh
 * @param rrServer     {@code rr.server}: it is a route reflector with this cluster id
 * @param rrClient     {@code rr.client}: it is a route-reflector client of this cluster id
 * @param peers        its own external peers ({@code peers}, or the deprecated {@code peer.*} lists)
 * @param communities  {@code node.bgp.communities}: added to its routes toward external peers
 * @param prepend      {@code path-prepend.*}: AS-path prepend toward external peers
 * @param importReject {@code node.bgp.customimportreject}: prefixes (and longer ones inside them) it refuses to learn
 */
public record RouterNode(String name, Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6, List<Cidr> podCidrs,
                         OptionalLong asn, Optional<Long> rrServer, Optional<Long> rrClient, List<ExternalPeer> peers,
                         List<Long> communities, Optional<PathPrepend> prepend, List<Cidr> importReject) {
    public RouterNode {
        Objects.requireNonNull(name, "name");
        podCidrs = List.copyOf(podCidrs);
        peers = List.copyOf(peers);
        communities = List.copyOf(communities);
        importReject = List.copyOf(importReject);
    }

    /** A node with addresses and pod CIDRs only, as without annotations. */
    public static RouterNode of(String name, Optional<Inet4Address> ipv4, Optional<Inet6Address> ipv6, List<Cidr> podCidrs) {
        return new RouterNode(name, ipv4, ipv6, podCidrs, OptionalLong.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.empty(), List.of());
    }

    /** The node's address of the same family as {@code like}. */
    public Optional<InetAddress> addressLike(InetAddress like) {
        return like instanceof Inet4Address ? ipv4.map(a -> a) : ipv6.map(a -> a);
    }

    /** Its addresses, IPv4 first. */
    public List<InetAddress> addresses() {
        return java.util.stream.Stream.concat(ipv4.stream(), ipv6.stream()).map(a -> (InetAddress) a).toList();
    }

    public String peerName() {
        return "node/" + name;
    }

    public boolean isRouteReflector() {
        return rrServer.isPresent();
    }

    /** A client only when not also a server: a server already peers with every node of its AS. */
    public boolean isRouteReflectorClient() {
        return rrClient.isPresent() && rrServer.isEmpty();
    }

    /** AS-path prepend of {@code asn}, {@code repeat} times (1..32), as in kube-router's {@code path-prepend.*}. */
    public record PathPrepend(long asn, int repeat) {
        public PathPrepend {
            Asn.problem(asn).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
            if (repeat < 1 || repeat > 32) throw new IllegalArgumentException("repeat " + repeat + " is outside 1..32");
        }
    }
}
