package dev.junction.router.plan;

import static dev.junction.router.plan.Nodes.dual;
import static dev.junction.router.plan.Nodes.ip;
import static dev.junction.router.plan.Nodes.rrClient;
import static dev.junction.router.plan.Nodes.rrServer;
import static dev.junction.router.plan.Nodes.v4;
import static dev.junction.router.plan.Nodes.v6;
import static dev.junction.router.plan.Nodes.withAsn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.Prefix;
import dev.junction.model.Cidr;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class PeeringPlanTest {
    private static final RouterFlags DEFAULTS = RouterFlags.defaults();
    private static final RouterFlags NO_MESH = RouterFlags.builder().nodesFullMesh(false).build();

    private static List<String> peerNames(PeeringPlan.Plan plan) {
        return plan.peers().stream().map(PeerConfig::name).toList();
    }

    /** Who {@code self} peers with, for a cluster, as a table: self, cluster, flags, expected peers (rr clients starred). */
    static Stream<Arguments> meshes() {
        List<RouterNode> four = List.of(dual(1), dual(2), dual(3), dual(4));
        RouterNode s1 = rrServer(dual(1), 1);
        RouterNode s2 = rrServer(dual(2), 1);
        RouterNode c3 = rrClient(dual(3), 1);
        RouterNode c4 = rrClient(dual(4), 1);
        List<RouterNode> rr = List.of(s1, s2, c3, c4, dual(5));
        List<RouterNode> asns = List.of(withAsn(dual(1), 65001), withAsn(dual(2), 65001), withAsn(dual(3), 65002), dual(4));
        return Stream.of(
                Arguments.of("full mesh", dual(1), four, DEFAULTS, List.of("node/n2", "node/n3", "node/n4")),
                Arguments.of("full mesh ignores node.asn", asns.get(0), asns, DEFAULTS, List.of("node/n2", "node/n3", "node/n4")),
                Arguments.of("ibgp off", dual(1), four, RouterFlags.builder().enableIbgp(false).build(), List.of()),
                Arguments.of("no mesh: same node.asn only", asns.get(0), asns, NO_MESH, List.of("node/n2")),
                Arguments.of("no mesh: other AS", asns.get(2), asns, NO_MESH, List.of()),
                Arguments.of("rr server: every node, clients marked", s1, rr, DEFAULTS, List.of("node/n2", "node/n3*", "node/n4*", "node/n5")),
                Arguments.of("rr client: servers only", c3, rr, DEFAULTS, List.of("node/n1", "node/n2")),
                Arguments.of("plain node: not the clients", dual(5), rr, DEFAULTS, List.of("node/n1", "node/n2")),
                Arguments.of("rr server without mesh: its AS only", withAsn(s1, 65001),
                        List.of(withAsn(s1, 65001), withAsn(c3, 65001), withAsn(c4, 65002)), NO_MESH, List.of("node/n3*")),
                Arguments.of("rr server and client at once is a server", rrClient(s1, 1), rr, DEFAULTS,
                        List.of("node/n2", "node/n3*", "node/n4*", "node/n5")),
                Arguments.of("self listed twice and unsorted input", dual(3), List.of(dual(4), dual(3), dual(1), dual(2)), DEFAULTS,
                        List.of("node/n1", "node/n2", "node/n4")),
                Arguments.of("IPv6-only nodes peer over IPv6", v6(1), List.of(v6(1), v6(2), v4(3)), DEFAULTS, List.of("node/n2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meshes")
    void whoPeersWithWhom(String name, RouterNode self, List<RouterNode> cluster, RouterFlags flags, List<String> expected) {
        var plan = PeeringPlan.compute(self, cluster, flags);
        assertThat(plan.peers().stream().map(p -> p.name() + (p.routeReflectorClient() ? "*" : "")).toList()).isEqualTo(expected);
        assertThat(plan.peers()).allSatisfy(p -> assertThat(p.asn()).isEqualTo(plan.localAsn()));
    }

    @Test
    void aMeshPeerIsFullyDescribed() {
        var flags = RouterFlags.builder().bgpPort(1790).holdTime(Duration.ofSeconds(30)).build();
        var plan = PeeringPlan.compute(dual(1), List.of(dual(1), dual(2)), flags);
        assertThat(plan.routerId()).isEqualTo(ip("192.168.1.1"));
        assertThat(plan.localAsn()).isEqualTo(64512);
        assertThat(plan.clusterId()).isEmpty();
        assertThat(plan.problems()).isEmpty();
        PeerConfig p = plan.peers().getFirst();
        assertThat(p.address()).isEqualTo(ip("192.168.1.2"));
        assertThat(p.port()).isEqualTo(1790);
        assertThat(p.asn()).isEqualTo(64512);
        assertThat(p.localAddress()).isEqualTo(ip("192.168.1.1"));
        assertThat(p.holdTime()).isEqualTo(30);
        assertThat(p.families()).containsExactlyInAnyOrder(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
        assertThat(p.nextHopV6()).isEqualTo(ip("fd00:1::1"));
        assertThat(p.ttl()).isZero();
        assertThat(p.md5Password()).isEmpty();
        assertThat(p.exportPolicy().name()).isEqualTo(RouterPolicies.NODE_EXPORT);
        assertThat(p.importPolicy().name()).isEqualTo(RouterPolicies.IMPORT);
    }

    @Test
    void familiesAreThoseBothNodesHaveAddressesIn() {
        var plan = PeeringPlan.compute(dual(1), List.of(v4(2), v6(3)), DEFAULTS);
        assertThat(plan.peers()).extracting(PeerConfig::name, PeerConfig::address, PeerConfig::localAddress, PeerConfig::families, PeerConfig::nextHopV6)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("node/n2", ip("192.168.1.2"), ip("192.168.1.1"), Set.of(AfiSafi.IPV4_UNICAST), null),
                        org.assertj.core.groups.Tuple.tuple("node/n3", ip("fd00:1::3"), ip("fd00:1::1"), Set.of(AfiSafi.IPV6_UNICAST), null));
    }

    @Test
    void aNodeWithNoCommonFamilyIsAProblem() {
        var plan = PeeringPlan.compute(v4(1), List.of(v6(2)), DEFAULTS);
        assertThat(plan.peers()).isEmpty();
        assertThat(plan.problems()).containsExactly("not peering with node/n2: no address family both nodes have an address in");
    }

    @Test
    void withoutMeshTheLocalAsnIsTheNodeAsn() {
        var self = withAsn(dual(1), 65001);
        assertThat(PeeringPlan.compute(self, List.of(), NO_MESH).localAsn()).isEqualTo(65001);
        assertThat(PeeringPlan.compute(self, List.of(), DEFAULTS).localAsn()).isEqualTo(64512);
    }

    @Test
    void withoutMeshMissingAsnsAreProblems() {
        var plan = PeeringPlan.compute(dual(1), List.of(dual(2)), NO_MESH);
        assertThat(plan.localAsn()).isEqualTo(64512);
        assertThat(plan.peers()).isEmpty();
        assertThat(plan.problems()).containsExactly(
                "node n1 has no kube-router.io/node.asn (needed without --nodes-full-mesh): using the cluster ASN 64512",
                "not peering with node/n2: it has no kube-router.io/node.asn");
    }

    @Test
    void aRouteReflectorSetsItsClusterId() {
        var plan = PeeringPlan.compute(rrServer(dual(1), 0x0A000001L), List.of(), DEFAULTS);
        assertThat(plan.clusterId()).contains((java.net.Inet4Address) ip("10.0.0.1"));
        assertThat(plan.speakerConfig(null, GracefulRestartConfig.DISABLED).effectiveClusterId()).isEqualTo(ip("10.0.0.1"));
    }

    static Stream<Arguments> routerIds() {
        return Stream.of(
                Arguments.of(dual(1), Optional.empty(), "192.168.1.1", List.of()),
                Arguments.of(dual(1), Optional.of("10.255.0.1"), "10.255.0.1", List.of()),
                Arguments.of(v6(1), Optional.of("10.255.0.1"), "10.255.0.1", List.of()),
                Arguments.of(RouterNode.of("n1", Optional.empty(), Optional.empty(), List.of()), Optional.empty(), null,
                        List.of("node n1 has no address and --router-id is not set: no BGP router id")));
    }

    @Test
    void anIpv6OnlyNodeGetsAGeneratedRouterIdThatIsStableAndItsOwn() {
        var flags = RouterFlags.defaults();
        var one = PeeringPlan.compute(v6(1), List.of(), flags);
        assertThat(one.hasRouterId()).isTrue();
        assertThat(one.problems()).isEmpty();
        assertThat(PeeringPlan.compute(v6(1), List.of(), flags).routerId()).as("the same every time").isEqualTo(one.routerId());
        assertThat(PeeringPlan.compute(v6(2), List.of(), flags).routerId()).as("another node, another id").isNotEqualTo(one.routerId());
        assertThat(one.routerId().getAddress()).isNotEqualTo(new byte[4]);
    }

    @ParameterizedTest
    @MethodSource("routerIds")
    void routerIdIsTheFlagElseTheNodeIpv4(RouterNode self, Optional<String> flag, String expected, List<String> problems) {
        var flags = RouterFlags.builder().routerId(flag.map(f -> (java.net.Inet4Address) ip(f)).orElse(null)).build();
        var plan = PeeringPlan.compute(self, List.of(), flags);
        assertThat(plan.routerId()).isEqualTo(expected == null ? null : ip(expected));
        assertThat(plan.hasRouterId()).isEqualTo(expected != null);
        assertThat(plan.problems()).isEqualTo(problems);
    }

    @Test
    void externalPeersGlobalThenPerNode() {
        var global = new ExternalPeer(ip("192.168.1.254"), 65000, 179, Optional.of("s3cret"), 0, Optional.empty());
        var multihop = new ExternalPeer(ip("203.0.113.1"), 65100, 1179, Optional.empty(), 4, Optional.of(ip("192.168.1.1")));
        var ibgpRouter = ExternalPeer.of(ip("fd00:1::fe"), 64512);
        var repeat = ExternalPeer.of(ip("192.168.1.254"), 65009);
        var aNode = ExternalPeer.of(ip("192.168.1.2"), 65009);
        var self = Nodes.withExport(dual(1), List.of(multihop, ibgpRouter, repeat, aNode), List.of(), Optional.empty(), List.of());
        var flags = RouterFlags.builder().globalPeers(List.of(global)).build();
        var plan = PeeringPlan.compute(self, List.of(self, dual(2)), flags);
        assertThat(peerNames(plan)).containsExactly("external/192.168.1.254", "external/203.0.113.1", "external/fd00:1::fe", "node/n2");
        assertThat(plan.problems()).containsExactly(
                "not peering with external/192.168.1.254: the address is already this node's, another node's or another peer's",
                "not peering with external/192.168.1.2: the address is already this node's, another node's or another peer's");
        PeerConfig g = plan.peers().get(0);
        assertThat(g.asn()).isEqualTo(65000);
        assertThat(g.md5Password()).contains("s3cret");
        assertThat(g.toString()).doesNotContain("s3cret");
        assertThat(g.ttl()).as("single-hop eBGP").isEqualTo(1);
        assertThat(g.localAddress()).isEqualTo(ip("192.168.1.1"));
        assertThat(g.families()).containsExactly(AfiSafi.IPV4_UNICAST);
        assertThat(g.exportPolicy().name()).isEqualTo(RouterPolicies.EXTERNAL_EXPORT);
        PeerConfig m = plan.peers().get(1);
        assertThat(m.ttl()).isEqualTo(4);
        assertThat(m.port()).isEqualTo(1179);
        PeerConfig i = plan.peers().get(2);
        assertThat(i.ttl()).as("iBGP toward a router").isZero();
        assertThat(i.localAddress()).isEqualTo(ip("fd00:1::1"));
        assertThat(i.families()).containsExactly(AfiSafi.IPV6_UNICAST);
    }

    @Test
    void externalPeersRemainWithIbgpOff() {
        var flags = RouterFlags.builder().enableIbgp(false).globalPeers(List.of(ExternalPeer.of(ip("192.168.1.254"), 65000))).build();
        assertThat(peerNames(PeeringPlan.compute(dual(1), List.of(dual(2)), flags))).containsExactly("external/192.168.1.254");
    }

    @Test
    void originatesItsPodCidrsWithItsCommunitiesThenTheServiceVips() {
        var self = Nodes.withExport(dual(1), List.of(), List.of(0xFFFFFF01L), Optional.empty(), List.of());
        var plan = PeeringPlan.compute(self, List.of(dual(2)), DEFAULTS, Set.of(Prefix.parse("10.96.0.20/32"), Prefix.parse("10.96.0.10/32")));
        assertThat(plan.originated()).containsExactly(
                new SpeakerConfig.Originated(Prefix.parse("10.244.1.0/24"), List.of(0xFFFFFF01L)),
                new SpeakerConfig.Originated(Prefix.parse("fd00:244:1::/64"), List.of(0xFFFFFF01L)),
                new SpeakerConfig.Originated(Prefix.parse("10.96.0.10/32"), List.of(0xFFFFFF01L)),
                new SpeakerConfig.Originated(Prefix.parse("10.96.0.20/32"), List.of(0xFFFFFF01L)));
    }

    @Test
    void theSameClusterInAnyOrderGivesAnEqualPlan() {
        var cluster = new ArrayList<>(List.of(dual(1), rrClient(dual(2), 1), dual(3), v4(4), v6(5)));
        var a = PeeringPlan.compute(rrServer(dual(9), 1), cluster, DEFAULTS, Set.of(Prefix.parse("10.96.0.1/32")));
        Collections.reverse(cluster);
        var b = PeeringPlan.compute(rrServer(dual(9), 1), cluster, DEFAULTS, Set.of(Prefix.parse("10.96.0.1/32")));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void thePlanIsASpeakerConfig() {
        var flags = RouterFlags.builder().globalPeers(List.of(ExternalPeer.of(ip("192.168.1.254"), 65000))).build();
        var plan = PeeringPlan.compute(dual(1), List.of(dual(2), dual(3)), flags);
        var listen = new InetSocketAddress(ip("0.0.0.0"), 179);
        SpeakerConfig config = plan.speakerConfig(listen, flags.gracefulRestartConfig());
        assertThat(config.peers()).hasSize(3);
        assertThat(config.gracefulRestart().enabled()).isTrue();
        assertThat(config.gracefulRestart().restartTime()).isEqualTo(120);
        assertThat(config.gracefulRestart().selectionDeferralTime()).isEqualTo(Duration.ofSeconds(360));
        assertThat(RouterFlags.builder().gracefulRestart(false).build().gracefulRestartConfig()).isEqualTo(GracefulRestartConfig.DISABLED);
    }

    @Test
    void podCidrsOfEveryNodeGoToNodePeers() {
        var plan = PeeringPlan.compute(dual(1), List.of(dual(2), Nodes.v4(3)), DEFAULTS);
        var export = plan.peers().getFirst().exportPolicy();
        for (String p : List.of("10.244.1.0/24", "10.244.2.0/24", "fd00:244:2::/64", "10.244.3.0/24")) {
            assertThat(Policies.accepts(export, p)).as(p).isTrue();
        }
        assertThat(Policies.accepts(export, "10.244.4.0/24")).isFalse();
    }

    @Test
    void cidrHelpersAgree() {
        assertThat(Addresses.prefix(Cidr.of("fd00:244:1::/64"))).isEqualTo(Prefix.parse("fd00:244:1::/64"));
    }
}
