// IP plan: pods 10.244.0.0/16 (this node node-a: 10.244.1.x, node-b 10.244.2.x, node-c 10.244.3.x),
// ClusterIPs 10.96.0.0/12, node 192.168.0.2, external clients and LB IPs 203.0.113.0/24;
// IPv6 pods fd00:10:244::/56, ClusterIPs fd00:10:96::/108, node fd00:192:168::2, external 2001:db8::/32.
package dev.junction.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.nft.FakeNft;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What happens to the first packet of a connection in the golden scenario's tables: the behaviour kube-proxy
 * defines (reference kube-proxy.md §3), checked by tracing the fake's table rather than by reading rules, so
 * these cases survive any change of layout.
 */
@Tag("unit")
class PacketFlowTest {
    private static final String POD = "10.244.1.5";
    private static final String EXT = "203.0.113.7";
    private static final String EXT_ALLOWED = "203.0.113.200";
    private static final String NODE = Scenario.NODE_IP;

    private static final FakeNft NFT = new FakeNft();

    /** A first packet and its fate: the endpoints it may reach (space-separated) or ACCEPT, DROP, REJECT. */
    record Flow(String name, String src, String dst, int port, String proto, String expected, boolean masq) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void program() throws Exception {
        new Harness(NFT, Scenario.golden()).full();
    }

    static Stream<Flow> flows() {
        String web = "10.244.1.10:8080 10.244.2.10:8080 10.244.2.11:8080";
        String edge = "10.244.1.50:8080 10.244.2.50:8080 10.244.2.51:8080";
        String shop = "10.244.2.30:8080 10.244.3.30:8080";
        String api = "10.244.1.40:8443 10.244.2.40:8443";
        return Stream.of(
                new Flow("pod to ClusterIP reaches every ready endpoint, never not-ready or terminating ones",
                        POD, "10.96.0.10", 80, "tcp", web, false),
                new Flow("node to ClusterIP is masqueraded", NODE, "10.96.0.10", 80, "tcp", web, true),
                new Flow("off-cluster source to ClusterIP is masqueraded", EXT, "10.96.0.10", 80, "tcp", web, true),
                new Flow("pod reaching itself through its service is masqueraded (hairpin)",
                        "10.244.1.10", "10.96.0.10", 80, "tcp", web, true),
                new Flow("UDP port", POD, "10.96.0.53", 53, "udp", "10.244.1.53:53 10.244.2.53:53", false),
                new Flow("TCP port with the number of the UDP one", POD, "10.96.0.53", 53, "tcp",
                        "10.244.1.53:53 10.244.2.53:53", false),
                new Flow("terminating serving endpoints only when no ready one exists",
                        POD, "10.96.0.80", 80, "tcp", "10.244.2.80:8080", false),
                new Flow("iTP=Local reaches only local endpoints", POD, "10.96.0.60", 80, "tcp", "10.244.1.60:8080", false),
                new Flow("iTP=Local without local endpoints drops", POD, "10.96.0.61", 80, "tcp", "DROP", false),
                new Flow("iTP=Local without local endpoints drops node clients too", NODE, "10.96.0.61", 80, "tcp",
                        "DROP", false),
                new Flow("eTP=Local LB IP, external client: local endpoints only, source kept",
                        EXT, "203.0.113.50", 80, "tcp", "10.244.1.50:8080", false),
                new Flow("eTP=Local NodePort, external client: local endpoints only, source kept",
                        EXT, NODE, 30050, "tcp", "10.244.1.50:8080", false),
                new Flow("eTP=Local LB IP, pod client: short-circuit to cluster endpoints",
                        POD, "203.0.113.50", 80, "tcp", edge, false),
                new Flow("eTP=Local NodePort, node client: cluster endpoints, masqueraded",
                        NODE, NODE, 30050, "tcp", edge, true),
                new Flow("eTP=Local without local endpoints drops external clients", EXT, NODE, 30055, "tcp", "DROP", false),
                new Flow("eTP=Local without local endpoints still short-circuits pods",
                        POD, NODE, 30055, "tcp", "10.244.2.55:8080", false),
                new Flow("eTP=Local without local endpoints still short-circuits the node",
                        NODE, NODE, 30055, "tcp", "10.244.2.55:8080", true),
                new Flow("eTP=Cluster externalIP is masqueraded", EXT, "203.0.113.30", 80, "tcp", shop, true),
                new Flow("eTP=Cluster NodePort is masqueraded", EXT, NODE, 30080, "tcp", shop, true),
                new Flow("eTP=Cluster externalIP from a pod is masqueraded too", POD, "203.0.113.30", 80, "tcp", shop, true),
                new Flow("service without endpoints rejects", POD, "10.96.0.90", 80, "tcp", "REJECT", false),
                new Flow("service without endpoints rejects node clients", NODE, "10.96.0.90", 80, "tcp", "REJECT", false),
                new Flow("ClusterIP on a port no service defines rejects", POD, "10.96.0.10", 81, "tcp", "REJECT", false),
                new Flow("ClusterIP on another protocol rejects", POD, "10.96.0.10", 80, "udp", "REJECT", false),
                new Flow("node to ClusterIP on a port no service defines rejects", NODE, "10.96.0.10", 81, "tcp",
                        "REJECT", false),
                new Flow("unallocated address in the service CIDR drops", POD, "10.96.5.5", 80, "tcp", "DROP", false),
                new Flow("LB source ranges admit listed sources", EXT_ALLOWED, "203.0.113.40", 443, "tcp", api, true),
                new Flow("LB source ranges admit listed pods", POD, "203.0.113.40", 443, "tcp", api, true),
                new Flow("LB source ranges drop other sources", EXT, "203.0.113.40", 443, "tcp", "DROP", false),
                new Flow("LB source ranges do not apply to the node port", EXT, NODE, 30443, "tcp", api, true),
                new Flow("PreferClose with every endpoint hinted: same zone only", POD, "10.96.0.100", 80, "tcp",
                        "10.244.1.100:8080 10.244.3.100:8080", false),
                new Flow("PreferClose with an unhinted endpoint: every endpoint", POD, "10.96.0.101", 80, "tcp",
                        "10.244.1.101:8080 10.244.2.101:8080", false),
                new Flow("ClientIP affinity, new client: any endpoint", POD, "10.96.0.70", 80, "tcp",
                        "10.244.1.70:8080 10.244.2.70:8080", false),
                new Flow("ClientIP affinity with iTP=Local: ClusterIP reaches local endpoints only",
                        POD, "10.96.0.71", 80, "tcp", "10.244.1.71:8080", false),
                new Flow("ClientIP affinity with iTP=Local: the eTP=Cluster node port reaches every endpoint",
                        EXT, NODE, 30071, "tcp", "10.244.1.71:8080 10.244.2.71:8080", true),
                new Flow("a pod address is untouched", POD, "10.244.2.10", 8080, "tcp", "ACCEPT", false),
                new Flow("an unknown external address is untouched", POD, "198.51.100.1", 443, "tcp", "ACCEPT", false),
                new Flow("a node port nobody uses is untouched", EXT, NODE, 31999, "tcp", "ACCEPT", false),
                new Flow("IPv6 pod to dual-stack ClusterIP", "fd00:10:244:1::5", "fd00:10:96::110", 80, "tcp",
                        "[fd00:10:244:1::110]:8080 [fd00:10:244:2::110]:8080", false),
                new Flow("IPv6 NodePort of a dual-stack service is masqueraded", "2001:db8::7", Scenario.NODE_IP6, 30110,
                        "tcp", "[fd00:10:244:1::110]:8080 [fd00:10:244:2::110]:8080", true),
                new Flow("IPv6 node port of an IPv4-only service is untouched", "2001:db8::7", Scenario.NODE_IP6, 30080,
                        "tcp", "ACCEPT", false),
                new Flow("IPv6 unallocated service address drops", "fd00:10:244:1::5", "fd00:10:96::5", 80, "tcp",
                        "DROP", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void firstPacket(Flow f) {
        boolean v6 = f.dst.contains(":");
        PacketTracer tracer = new PacketTracer(NFT, v6 ? Harness.V6 : Harness.V4, Scenario.NODE_IP, Scenario.NODE_IP6);
        PacketTracer.Verdict v = tracer.trace(f.src, f.dst, f.port, f.proto);
        if (f.expected.contains(":") || f.expected.contains(".")) {
            assertThat(v.kind()).as(f.name + ": " + v).isEqualTo(PacketTracer.Kind.DNAT);
            assertThat(v.targets()).as(f.name).isEqualTo(Set.of(f.expected.split(" ")));
        } else {
            assertThat(v.text()).as(f.name).isEqualTo(f.expected);
        }
        assertThat(v.masqueraded()).as(f.name + " masqueraded").isEqualTo(f.masq);
    }
}
