package dev.junction.router.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Node;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class NodeAnnotationsTest {
    private static final String SECRET = "SecurePassword";
    private static final String SECRET_B64 = "U2VjdXJlUGFzc3dvcmQ="; // base64("SecurePassword")

    static Node node(Map<String, String> annotations) {
        return new Node("n1", Map.of(), annotations,
                List.of(Ip.of("192.168.1.10"), Ip.of("fd00:1::10"), Ip.of("203.0.113.10")), List.of(Cidr.of("10.244.1.0/24")), false);
    }

    static NodeAnnotations.Parsed parse(Map<String, String> annotations) {
        return NodeAnnotations.parse(node(annotations));
    }

    static InetAddress ip(String text) {
        return Addresses.inet(Ip.of(text));
    }

    @Test
    void aNodeWithoutAnnotations() {
        var p = parse(Map.of());
        assertThat(p.problems()).isEmpty();
        assertThat(p.node()).isEqualTo(RouterNode.of("n1", Optional.of((java.net.Inet4Address) ip("192.168.1.10")),
                Optional.of((java.net.Inet6Address) ip("fd00:1::10")), List.of(Cidr.of("10.244.1.0/24"))));
    }

    static Stream<Arguments> podCidrSources() {
        return Stream.of(
                Arguments.of(Map.of(), List.of("10.244.1.0/24"), List.of()),
                Arguments.of(Map.of(NodeAnnotations.POD_CIDRS, "10.9.0.0/24, fd00:9::/64"), List.of("10.9.0.0/24", "fd00:9::/64"), List.of()),
                Arguments.of(Map.of(NodeAnnotations.POD_CIDR, "10.8.0.0/24", NodeAnnotations.POD_CIDRS, "10.9.0.0/24"), List.of("10.8.0.0/24"),
                        List.of("node n1: kube-router.io/pod-cidr is deprecated, use kube-router.io/pod-cidrs; it overrides spec.podCIDRs and kube-router.io/pod-cidrs")),
                Arguments.of(Map.of(NodeAnnotations.POD_CIDR, "bad", NodeAnnotations.POD_CIDRS, "10.9.0.0/24"), List.of("10.9.0.0/24"),
                        List.of("node n1: kube-router.io/pod-cidr \"bad\" is not a CIDR; ignored")),
                Arguments.of(Map.of(NodeAnnotations.POD_CIDRS, "10.9.0.0/24,10.9.1.0"), List.of("10.244.1.0/24"),
                        List.of("node n1: kube-router.io/pod-cidrs \"10.9.1.0\" is not a CIDR; the annotation is ignored, spec.podCIDRs apply")),
                Arguments.of(Map.of(NodeAnnotations.POD_CIDRS, " , "), List.of("10.244.1.0/24"),
                        List.of("node n1: kube-router.io/pod-cidrs is empty; spec.podCIDRs apply")));
    }

    @ParameterizedTest
    @MethodSource("podCidrSources")
    void podCidrsComeFromOneSourceInKubeRoutersOrder(Map<String, String> annotations, List<String> cidrs, List<String> problems) {
        var p = parse(annotations);
        assertThat(p.node().podCidrs()).containsExactlyElementsOf(cidrs.stream().map(Cidr::of).toList());
        assertThat(p.problems()).containsExactlyElementsOf(problems);
    }

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of(NodeAnnotations.NODE_ASN, "64513", "asn", OptionalLong.of(64513), null),
                Arguments.of(NodeAnnotations.NODE_ASN, "4200000000", "asn", OptionalLong.of(4200000000L), null),
                Arguments.of(NodeAnnotations.NODE_ASN, "0", "asn", OptionalLong.empty(), "\"0\": AS 0 is outside 1..4294967295; ignored"),
                Arguments.of(NodeAnnotations.NODE_ASN, "23456", "asn", OptionalLong.empty(), "\"23456\": AS 23456 is AS_TRANS (RFC 6793), reserved; ignored"),
                Arguments.of(NodeAnnotations.NODE_ASN, "65535", "asn", OptionalLong.empty(), "\"65535\": AS 65535 is reserved (RFC 7300); ignored"),
                Arguments.of(NodeAnnotations.NODE_ASN, "4294967295", "asn", OptionalLong.empty(), "\"4294967295\": AS 4294967295 is reserved (RFC 7300); ignored"),
                Arguments.of(NodeAnnotations.NODE_ASN, "4294967296", "asn", OptionalLong.empty(), "\"4294967296\": 4294967296 is larger than 4294967295; ignored"),
                Arguments.of(NodeAnnotations.NODE_ASN, "-1", "asn", OptionalLong.empty(), "\"-1\": \"-1\" is not a decimal number; ignored"),
                Arguments.of(NodeAnnotations.NODE_ASN, "065000", "asn", OptionalLong.empty(), "\"065000\": \"065000\" has a leading zero; ignored"),
                Arguments.of(NodeAnnotations.RR_SERVER, "42", "rrServer", Optional.of(42L), null),
                Arguments.of(NodeAnnotations.RR_SERVER, "10.0.0.1", "rrServer", Optional.of(0x0A000001L), null),
                Arguments.of(NodeAnnotations.RR_SERVER, "fd00::1", "rrServer", Optional.empty(), "\"fd00::1\": \"fd00::1\" is not a decimal number; ignored"),
                Arguments.of(NodeAnnotations.RR_CLIENT, "4294967295", "rrClient", Optional.of(4294967295L), null),
                Arguments.of(NodeAnnotations.RR_CLIENT, "x", "rrClient", Optional.empty(), "\"x\": \"x\" is not a decimal number; ignored"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("scalars")
    void scalarAnnotations(String key, String value, String field, Object expected, String problem) {
        var p = parse(Map.of(key, value));
        Object actual = switch (field) {
            case "asn" -> p.node().asn();
            case "rrServer" -> p.node().rrServer();
            default -> p.node().rrClient();
        };
        assertThat(actual).isEqualTo(expected);
        assertThat(p.problems()).containsExactlyElementsOf(problem == null ? List.of() : List.of("node n1: " + key + " " + problem));
    }

    @Test
    void communitiesInEveryNotationAndABadOneDroppedAlone() {
        var p = parse(Map.of(NodeAnnotations.COMMUNITIES, "64512:100, 100, no-export,NO-ADVERTISE, no-export-subconfed, no-peer, 70000:1, 64512:100"));
        assertThat(p.node().communities()).containsExactly(64512L << 16 | 100, 100L, 0xFFFFFF01L, 0xFFFFFF02L, 0xFFFFFF03L, 0xFFFFFF04L);
        assertThat(p.problems()).containsExactly("node n1: kube-router.io/node.bgp.communities \"70000:1\" is not a community"
                + " (uint32, AA:NN or a well-known name): 70000 is larger than 65535; dropped");
    }

    @Test
    void importRejectKeepsTheGoodEntries() {
        var p = parse(Map.of(NodeAnnotations.IMPORT_REJECT, "10.0.0.0/8, nonsense, fd00:dead::/32"));
        assertThat(p.node().importReject()).containsExactly(Cidr.of("10.0.0.0/8"), Cidr.of("fd00:dead::/32"));
        assertThat(p.problems()).containsExactly("node n1: kube-router.io/node.bgp.customimportreject \"nonsense\" is not a CIDR; dropped");
    }

    static Stream<Arguments> prepends() {
        return Stream.of(
                Arguments.of(Map.of(NodeAnnotations.PREPEND_AS, "65000", NodeAnnotations.PREPEND_REPEAT, "3"),
                        Optional.of(new RouterNode.PathPrepend(65000, 3)), List.of()),
                Arguments.of(Map.of(NodeAnnotations.PREPEND_AS, "65000"), Optional.empty(),
                        List.of("node n1: kube-router.io/path-prepend.as needs kube-router.io/path-prepend.repeat-n too; ignored")),
                Arguments.of(Map.of(NodeAnnotations.PREPEND_REPEAT, "2"), Optional.empty(),
                        List.of("node n1: kube-router.io/path-prepend.repeat-n needs kube-router.io/path-prepend.as too; ignored")),
                Arguments.of(Map.of(NodeAnnotations.PREPEND_AS, "65000", NodeAnnotations.PREPEND_REPEAT, "0"), Optional.empty(),
                        List.of("node n1: kube-router.io/path-prepend.repeat-n \"0\": 0 is not a repeat count (1..32); ignored")),
                Arguments.of(Map.of(NodeAnnotations.PREPEND_AS, "65000", NodeAnnotations.PREPEND_REPEAT, "33"), Optional.empty(),
                        List.of("node n1: kube-router.io/path-prepend.repeat-n \"33\": 33 is larger than 32; ignored")),
                Arguments.of(Map.of(NodeAnnotations.PREPEND_AS, "23456", NodeAnnotations.PREPEND_REPEAT, "1"), Optional.empty(),
                        List.of("node n1: kube-router.io/path-prepend.as \"23456\": AS 23456 is AS_TRANS (RFC 6793), reserved; ignored")));
    }

    @ParameterizedTest
    @MethodSource("prepends")
    void prependNeedsBothAnnotations(Map<String, String> annotations, Optional<RouterNode.PathPrepend> expected, List<String> problems) {
        var p = parse(annotations);
        assertThat(p.node().prepend()).isEqualTo(expected);
        assertThat(p.problems()).containsExactlyElementsOf(problems);
    }

    @Test
    void oneBadAnnotationLeavesTheOthers() {
        var p = parse(Map.of(NodeAnnotations.NODE_ASN, "banana", NodeAnnotations.RR_CLIENT, "7", NodeAnnotations.COMMUNITIES, "no-export"));
        assertThat(p.node().asn()).isEmpty();
        assertThat(p.node().rrClient()).contains(7L);
        assertThat(p.node().communities()).containsExactly(0xFFFFFF01L);
        assertThat(p.problems()).hasSize(1).allMatch(s -> s.startsWith("node n1: kube-router.io/node.asn"));
    }

    @Test
    void peersFromYaml() {
        var p = parse(Map.of(NodeAnnotations.PEERS, """
                # top of rack
                - remoteip: 192.168.1.1
                  remoteasn: 65000
                  password: %s
                - remoteip: "fd00:1::1"   # IPv6 peer
                  remoteasn: '65001'
                  localip: fd00:1::10
                  port: 1179
                """.formatted(SECRET_B64)));
        assertThat(p.problems()).isEmpty();
        assertThat(p.node().peers()).containsExactly(
                new ExternalPeer(ip("192.168.1.1"), 65000, 179, Optional.of(SECRET), 0, Optional.empty()),
                new ExternalPeer(ip("fd00:1::1"), 65001, 1179, Optional.empty(), 0, Optional.of(ip("fd00:1::10"))));
    }

    @Test
    void peersFromJsonFlowStyle() {
        var p = parse(Map.of(NodeAnnotations.PEERS,
                "[{\"remoteip\": \"192.168.1.1\", \"remoteasn\": 65000}, {remoteip: 192.168.1.2, remoteasn: 65000, port: 180}]"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.node().peers()).extracting(ExternalPeer::address, ExternalPeer::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ip("192.168.1.1"), 179), org.assertj.core.groups.Tuple.tuple(ip("192.168.1.2"), 180));
    }

    static Stream<Arguments> badPeers() {
        return Stream.of(
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.300\n  remoteasn: 65000\n",
                        "kube-router.io/peers[1] remoteip \"192.168.1.300\" is not an IP address; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.2\n  remoteasn: 0\n",
                        "kube-router.io/peers[1] ASN \"0\": AS 0 is outside 1..4294967295; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.2\n",
                        "kube-router.io/peers[1] remoteasn is missing; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.2\n  remoteasn: 65000\n  password: 'not base64!" + SECRET + "'\n",
                        "kube-router.io/peers[1] password is not base64 of UTF-8 text; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.2\n  remoteasn: 65000\n  remoteAsn: 1\n",
                        "kube-router.io/peers[1] unknown key \"remoteAsn\"; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.2\n  remoteasn: 65000\n  port: 0\n",
                        "kube-router.io/peers[1] port 0 is not 1..65535; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.1\n  remoteasn: 65001\n",
                        "kube-router.io/peers[1] repeats peer 192.168.1.1; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- just text\n",
                        "kube-router.io/peers[1] is not a mapping; dropped"),
                Arguments.of("- remoteip: 192.168.1.1\n  remoteasn: 65000\n- remoteip: 192.168.1.2\n  remoteasn: 65000\n  bfd:\n    enabled: true\n",
                        "kube-router.io/peers[1] bfd is not supported; the peer is used without it"));
    }

    @ParameterizedTest
    @MethodSource("badPeers")
    void aBadPeerIsDroppedAloneAndItsPasswordNeverShown(String yaml, String problem) {
        var p = parse(Map.of(NodeAnnotations.PEERS, yaml));
        assertThat(p.node().peers()).extracting(ExternalPeer::address).startsWith(ip("192.168.1.1"));
        assertThat(p.problems()).containsExactly("node n1: " + problem);
        assertThat(p.problems()).noneMatch(s -> s.contains(SECRET));
    }

    @ParameterizedTest
    @MethodSource("dev.junction.router.plan.TinyYamlTest#malformed")
    void malformedYamlDropsThePeersAnnotationOnly(String yaml) {
        var p = parse(Map.of(NodeAnnotations.PEERS, yaml, NodeAnnotations.NODE_ASN, "64513"));
        assertThat(p.node().peers()).isEmpty();
        assertThat(p.node().asn()).hasValue(64513);
        assertThat(p.problems()).singleElement().asString().startsWith("node n1: kube-router.io/peers is not valid YAML (line ")
                .doesNotContain(SECRET);
    }

    @Test
    void aYamlMappingIsNotAList() {
        assertThat(parse(Map.of(NodeAnnotations.PEERS, "remoteip: 192.168.1.1")).problems())
                .containsExactly("node n1: kube-router.io/peers is not a YAML list of peers; no peers from it");
    }

    @Test
    void deprecatedPeerListsArePositional() {
        var p = parse(Map.of(NodeAnnotations.PEER_IPS, "192.168.1.1,192.168.1.2,bad", NodeAnnotations.PEER_ASNS, "65000,65001,65002",
                NodeAnnotations.PEER_PORTS, ",1179,", NodeAnnotations.PEER_PASSWORDS, SECRET_B64 + ",,",
                NodeAnnotations.PEER_LOCAL_IPS, "192.168.1.10,,"));
        assertThat(p.node().peers()).containsExactly(
                new ExternalPeer(ip("192.168.1.1"), 65000, 179, Optional.of(SECRET), 0, Optional.of(ip("192.168.1.10"))),
                new ExternalPeer(ip("192.168.1.2"), 65001, 1179, Optional.empty(), 0, Optional.empty()));
        assertThat(p.problems()).containsExactly(
                "node n1: kube-router.io/peer.ips and the other peer.* annotations are deprecated; use kube-router.io/peers",
                "node n1: kube-router.io/peer.ips[2] address \"bad\" is not an IP address; dropped");
    }

    @Test
    void deprecatedPeerListsOfDifferentLengthsGiveNoPeers() {
        var p = parse(Map.of(NodeAnnotations.PEER_IPS, "192.168.1.1,192.168.1.2", NodeAnnotations.PEER_ASNS, "65000"));
        assertThat(p.node().peers()).isEmpty();
        assertThat(p.problems()).containsExactly(
                "node n1: kube-router.io/peer.ips has 2 addresses but kube-router.io/peer.asns has 1 ASNs; no peers from them");
        p = parse(Map.of(NodeAnnotations.PEER_IPS, "192.168.1.1", NodeAnnotations.PEER_ASNS, "65000", NodeAnnotations.PEER_PASSWORDS, "a,b"));
        assertThat(p.node().peers()).isEmpty();
        assertThat(p.problems()).containsExactly("node n1: kube-router.io/peer.passwords has 2 entries for 1 peers; no peers from kube-router.io/peer.ips");
    }

    @Test
    void thePeersAnnotationWinsOverTheDeprecatedLists() {
        var p = parse(Map.of(NodeAnnotations.PEERS, "- {remoteip: 192.168.1.5, remoteasn: 65005}",
                NodeAnnotations.PEER_IPS, "192.168.1.1", NodeAnnotations.PEER_ASNS, "65000"));
        assertThat(p.node().peers()).extracting(ExternalPeer::address).containsExactly(ip("192.168.1.5"));
        assertThat(p.problems()).containsExactly(
                "node n1: kube-router.io/peer.ips is ignored because kube-router.io/peers is set",
                "node n1: kube-router.io/peer.asns is ignored because kube-router.io/peers is set");
    }

    @Test
    void anIpv6OnlyNodeHasNoIpv4() {
        var n = new Node("n6", Map.of(), List.of(Ip.of("fd00::6")), List.of(Cidr.of("fd00:244::/64")), false);
        var p = NodeAnnotations.parse(n);
        assertThat(p.node().ipv4()).isEmpty();
        assertThat(p.node().ipv6()).contains((java.net.Inet6Address) ip("fd00::6"));
    }
}
