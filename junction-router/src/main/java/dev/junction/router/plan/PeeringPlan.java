package dev.junction.router.plan;

import dev.junction.bgp.rib.policy.Policy;
import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;
import dev.junction.model.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who this node peers with and what it announces (kube-router §6 "Peers" and "Policies").
 *
 * <p>Node peers: every other node ({@code node/<name>}) unless {@code --enable-ibgp=false}; without
 * {@code --nodes-full-mesh} only nodes with the same {@code node.asn}. Route reflection: an {@code rr.server} node
 * peers with every node of its AS and treats the {@code rr.client} ones as its clients, an {@code rr.client} node
 * peers only with servers, and a plain node does not peer with clients either (kube-router does, but the client
 * never configures that session, so it would only retry forever). A server reflects to any client whatever the
 * client's cluster id, as kube-router does. One session per node pair, over IPv4 when both have an IPv4 address,
 * else IPv6; it carries the unicast families both nodes have addresses in (IPv6 over an IPv4 session with our IPv6
 * address as next hop, RFC 2545 §3), which is kube-router's "one session over the primary family".
 *
 * <p>External peers ({@code external/<address>}): the global ones, then the node's own; a repeat of an address
 * already peered with is dropped with a problem. Each carries the family of its address. An eBGP peer without
 * multihop gets TTL 1, as GoBGP (which kube-router embeds) sets for directly connected eBGP neighbours.
 */
public final class PeeringPlan {
    private PeeringPlan() {}

    /**
     * The speaker configuration this node should run, minus what is the controller's (listen socket, restart state).
     *
     * @param routerId  the BGP identifier; null when none could be chosen (see problems): do not start the speaker
     * @param clusterId our CLUSTER_ID when we are a route reflector
     * @param peers     sorted by name
     * @param problems  why a node or peer is missing or a setting was not used
     */
    public record Plan(Inet4Address routerId, long localAsn, Optional<Inet4Address> clusterId, List<PeerConfig> peers,
                       List<SpeakerConfig.Originated> originated, List<String> problems) {
        public Plan {
            peers = List.copyOf(peers);
            originated = List.copyOf(originated);
            problems = List.copyOf(problems);
        }

        public boolean hasRouterId() {
            return routerId != null;
        }

        /** The speaker's configuration; throws {@link IllegalStateException} when there is no router id. */
        public SpeakerConfig speakerConfig(InetSocketAddress listen, GracefulRestartConfig gracefulRestart) {
            if (routerId == null) throw new IllegalStateException("no router id: " + problems);
            return new SpeakerConfig(routerId, localAsn, listen, clusterId.orElse(null), peers, originated, gracefulRestart, false, 100);
        }
    }

    /** {@link #compute(RouterNode, Collection, RouterFlags, Set)} without service VIPs. */
    public static Plan compute(RouterNode self, Collection<RouterNode> nodes, RouterFlags flags) {
        return compute(self, nodes, flags, Set.of());
    }

    /**
     * @param nodes       every node of the cluster; {@code self} among them is skipped (by name)
     * @param serviceVips the /32 and /128 service addresses this node announces to external peers: the controller
     *                    has applied {@code --advertise-*-ip}, the per-service annotations and Local traffic policy
     */
    /** FNV-1a (32 bits) of the address octets as a BGP Identifier; never 0.0.0.0 (RFC 6286 §2.1 wants it non-zero). */
    static Inet4Address generatedRouterId(java.net.InetAddress address) {
        int h = 0x811C9DC5;
        for (byte b : address.getAddress()) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        if (h == 0) h = 1;
        return Addresses.inet4(Integer.toUnsignedLong(h));
    }

    public static Plan compute(RouterNode self, Collection<RouterNode> nodes, RouterFlags flags, Set<Prefix> serviceVips) {
        Objects.requireNonNull(self, "self");
        List<String> problems = new ArrayList<>();
        Inet4Address routerId = flags.routerId().or(self::ipv4).orElse(null);
        if (routerId == null && self.ipv6().isPresent()) {
            // An IPv6-only node: kube-router's "--router-id generate", a 32-bit FNV-1a hash of the node address.
            routerId = generatedRouterId(self.ipv6().get());
        }
        if (routerId == null) {
            problems.add("node " + self.name() + " has no address and --router-id is not set: no BGP router id");
        }
        long localAsn = flags.clusterAsn();
        if (!flags.nodesFullMesh()) {
            if (self.asn().isPresent()) {
                localAsn = self.asn().getAsLong();
            } else {
                problems.add("node " + self.name() + " has no " + NodeAnnotations.NODE_ASN + " (needed without --nodes-full-mesh): using the cluster ASN "
                        + flags.clusterAsn());
            }
        }
        Map<String, RouterNode> others = new LinkedHashMap<>();
        nodes.stream().sorted(Comparator.comparing(RouterNode::name)).filter(n -> !n.name().equals(self.name()))
                .forEach(n -> others.putIfAbsent(n.name(), n));

        List<Prefix> allPodCidrs = new ArrayList<>(prefixes(self.podCidrs()));
        others.values().forEach(n -> allPodCidrs.addAll(prefixes(n.podCidrs())));
        List<Prefix> ownPodCidrs = prefixes(self.podCidrs());
        Policy importPolicy = RouterPolicies.importPolicy(serviceVips, prefixes(self.importReject()));
        Policy nodeExport = RouterPolicies.nodeExport(allPodCidrs);
        Policy externalExport = RouterPolicies.externalExport(ownPodCidrs, flags.advertisePodCidr(), serviceVips, self.communities(),
                self.prepend());

        List<PeerConfig> peers = new ArrayList<>();
        Set<InetAddress> peered = new HashSet<>(self.addresses());
        if (flags.enableIbgp()) {
            for (RouterNode other : others.values()) {
                nodePeer(self, other, localAsn, flags, importPolicy, nodeExport, problems).ifPresent(p -> {
                    peers.add(p);
                    peered.add(p.address());
                });
            }
        }
        List<ExternalPeer> externals = new ArrayList<>(flags.globalPeers());
        externals.addAll(self.peers());
        others.values().forEach(n -> peered.addAll(n.addresses()));
        for (ExternalPeer e : externals) {
            if (!peered.add(e.address())) {
                problems.add("not peering with " + e.name() + ": the address is already this node's, another node's or another peer's");
                continue;
            }
            peers.add(externalPeer(self, e, localAsn, flags, importPolicy, externalExport));
        }
        peers.sort(Comparator.comparing(PeerConfig::name));

        List<SpeakerConfig.Originated> originated = new ArrayList<>();
        new LinkedHashSet<>(ownPodCidrs).forEach(p -> originated.add(new SpeakerConfig.Originated(p, self.communities())));
        serviceVips.stream().filter(v -> !ownPodCidrs.contains(v)).sorted(Prefix.ORDER)
                .forEach(v -> originated.add(new SpeakerConfig.Originated(v, self.communities())));
        return new Plan(routerId, localAsn, self.rrServer().map(Addresses::inet4), peers, originated, problems);
    }

    private static Optional<PeerConfig> nodePeer(RouterNode self, RouterNode other, long localAsn, RouterFlags flags,
                                                 Policy importPolicy, Policy export, List<String> problems) {
        String name = other.peerName();
        if (!flags.nodesFullMesh()) {
            if (other.asn().isEmpty()) {
                problems.add("not peering with " + name + ": it has no " + NodeAnnotations.NODE_ASN);
                return Optional.empty();
            }
            if (other.asn().getAsLong() != localAsn) return Optional.empty(); // another AS: not ours to mesh with
        }
        boolean reflectTo = false;
        if (self.isRouteReflectorClient()) {
            if (!other.isRouteReflector()) return Optional.empty();
        } else if (self.isRouteReflector()) {
            reflectTo = other.isRouteReflectorClient();
        } else if (other.isRouteReflectorClient()) {
            return Optional.empty();
        }
        boolean v4 = self.ipv4().isPresent() && other.ipv4().isPresent();
        boolean v6 = self.ipv6().isPresent() && other.ipv6().isPresent();
        if (!v4 && !v6) {
            problems.add("not peering with " + name + ": no address family both nodes have an address in");
            return Optional.empty();
        }
        InetAddress address = v4 ? other.ipv4().get() : other.ipv6().get();
        InetAddress local = v4 ? self.ipv4().get() : self.ipv6().get();
        Set<AfiSafi> families = new LinkedHashSet<>();
        if (v4) families.add(AfiSafi.IPV4_UNICAST);
        if (v6) families.add(AfiSafi.IPV6_UNICAST);
        PeerConfig.Builder b = PeerConfig.builder(name, address, localAsn).port(flags.bgpPort()).localAddress(local)
                .holdTime((int) flags.holdTime().toSeconds()).routeReflectorClient(reflectTo).families(families)
                .importPolicy(importPolicy).exportPolicy(export);
        if (v4 && v6) b.nextHopV6(self.ipv6().get());
        return Optional.of(b.build());
    }

    private static PeerConfig externalPeer(RouterNode self, ExternalPeer e, long localAsn, RouterFlags flags, Policy importPolicy,
                                           Policy export) {
        boolean ebgp = e.asn() != localAsn;
        int ttl = e.multihopTtl() >= 2 ? e.multihopTtl() : ebgp ? 1 : 0;
        PeerConfig.Builder b = PeerConfig.builder(e.name(), e.address(), e.asn()).port(e.port())
                .localAddress(e.localAddress().or(() -> self.addressLike(e.address())).orElse(null)).ttl(ttl)
                .holdTime((int) flags.holdTime().toSeconds()).families(Set.of(AfiSafi.unicast(Addresses.family(e.address()))))
                .importPolicy(importPolicy).exportPolicy(export);
        e.password().ifPresent(b::md5Password);
        return b.build();
    }

    private static List<Prefix> prefixes(List<Cidr> cidrs) {
        return cidrs.stream().map(Addresses::prefix).toList();
    }
}
