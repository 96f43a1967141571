package dev.junction.netpol.oracle;

import static dev.junction.netpol.oracle.DocumentedPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.netpol.oracle.DirectionVerdict.Outcome;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ends that are not plain pods: the local node, host-network pods, pods without an IP, a pod to itself, and
 * address families. IP plan: local node node-1 192.168.0.1 / fd00:192::1, node-2 192.168.0.2; pods 10.244.0.0/16,
 * fd00:244::/64.
 */
@Tag("unit")
class NodeHostNetworkAndAddressesTest {
    private static final String DENY_ALL = policy("deny-all", "{}", "policyTypes: [Ingress, Egress]");

    private static TestCluster cluster() {
        return new TestCluster()
                .namespace("default")
                .namespace("kube-system")
                .pod("default/db", "10.244.0.10", "role=db")
                .pod("default/remote", "10.244.5.10", "node-2", false, TestCluster.DEFAULT_PORTS, "role=db")
                .pod("default/v6only", "fd00:244::30", "role=db")
                .pod("default/dual", "10.244.0.31,fd00:244::31", "role=db")
                .pod("default/pending", "", "role=db")
                .pod("kube-system/agent", "192.168.0.1", "node-1", true, List.of("9100/TCP"), "app=agent")
                .pod("kube-system/remote-agent", "192.168.0.2", "node-2", true, List.of("9100/TCP"), "app=agent");
    }

    private static Verdict decide(String policies, String from, String to) {
        return cluster().policies(policies).oracle().decide(TestCluster.peer(from), TestCluster.peer(to), 80, "TCP");
    }

    @Test
    void theNodeAlwaysReachesItsOwnPods() {
        Verdict v = decide(DENY_ALL, "node", "default/db");
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(v.egress().headline()).isEqualTo("egress of node: the node is not a pod: not policed");
    }

    @Test
    void theNodeIsJudgedByAddressAtPodsOfOtherNodes() {
        assertThat(decide(DENY_ALL, "node", "default/remote").allowed()).isFalse();
        String fromNode = policy("from-node-1", "{}", "ingress: [{from: [{ipBlock: {cidr: 192.168.0.1/32}}]}]");
        assertThat(decide(fromNode, "node", "default/remote").ingress().headline())
                .isEqualTo("ingress of default/remote: allowed by default/from-node-1 rule 0 (from: ipBlock 192.168.0.1/32; any port)");
    }

    @Test
    void podEgressToTheNodeIsPoliced() {
        assertThat(decide(DENY_ALL, "default/db", "node").egress().outcome()).isEqualTo(Outcome.DENIED);
        String toNodes = policy("to-nodes", "{}", "policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 192.168.0.0/24}}]}]");
        Verdict v = decide(toNodes, "default/db", "node");
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().headline()).isEqualTo("ingress of node: the node is not a pod: not policed");
    }

    @Test
    void hostNetworkPodsAreNotPolicedButTheirPeersAre() {
        String denyAgents = policy("deny-everything", "{}", "policyTypes: [Ingress, Egress]").replace("namespace: default", "namespace: kube-system");
        Verdict in = decide(denyAgents, "203.0.113.9", "kube-system/agent");
        assertThat(in.allowed()).isTrue();
        assertThat(in.ingress().headline()).isEqualTo("ingress of kube-system/agent: host-network pod: not policed");
        assertThat(decide(denyAgents, "kube-system/agent", "203.0.113.9").egress().headline())
                .isEqualTo("egress of kube-system/agent: host-network pod: not policed");
        assertThat(decide(DENY_ALL, "default/db", "kube-system/agent").egress().outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void aLocalHostNetworkPodIsNodeTraffic() {
        Verdict v = decide(DENY_ALL, "kube-system/agent", "default/db");
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().outcome()).isEqualTo(Outcome.EXEMPT);
    }

    @Test
    void selectorsDoNotMatchHostNetworkPodsButIpBlocksMatchTheirAddress() {
        String bySelector = policy("from-agents", "{}",
                "ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: agent}}}]}]");
        assertThat(decide(bySelector, "kube-system/remote-agent", "default/db").allowed()).isFalse();
        String byAddress = policy("from-node-2", "{}", "ingress: [{from: [{ipBlock: {cidr: 192.168.0.2/32}}]}]");
        assertThat(decide(byAddress, "kube-system/remote-agent", "default/db").allowed()).isTrue();
    }

    @Test
    void aPodWithoutAnIpIsUnreachable() {
        Verdict to = decide("", "default/db", "default/pending");
        assertThat(to.allowed()).isFalse();
        assertThat(to.ingress().headline()).isEqualTo("ingress of default/pending: denied — default/pending has no IP yet: unreachable");
        assertThat(to.egress().outcome()).isEqualTo(Outcome.NOT_EVALUATED);
        assertThat(decide("", "default/pending", "default/db").egress().outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(decide("", "node", "default/pending").allowed()).isFalse();
    }

    @Test
    void aPodCannotBlockAccessToItself() {
        Verdict v = decide(DENY_ALL, "default/db", "default/db");
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().headline()).isEqualTo("ingress of default/db: allowed — a pod cannot block access to itself");
    }

    @Test
    void aFlowUsesOneFamilyThatBothEndsHave() {
        PolicyOracle oracle = cluster().oracle();
        assertThat(oracle.decide(Peer.pod("default/dual"), Peer.pod("default/v6only"), 80, "TCP").destinationAddress())
                .isEqualTo(Addresses.parse("fd00:244::30"));
        assertThat(oracle.decide(Peer.pod("default/dual"), Peer.pod("default/db"), 80, "TCP").sourceAddress())
                .isEqualTo(Addresses.parse("10.244.0.31"));
        Verdict noCommon = oracle.decide(Peer.pod("default/db"), Peer.pod("default/v6only"), 80, "TCP");
        assertThat(noCommon.allowed()).isFalse();
        assertThat(noCommon.ingress().headline()).endsWith("default/v6only has no IPv4 address: unreachable");
        assertThat(oracle.decide(Peer.pod("default/dual"), Peer.ip("fd00:17::1"), 80, "TCP", IpFamily.IPV4).allowed()).isFalse();
    }

    @Test
    void rejectsQuestionsThatCannotBeAsked() {
        PolicyOracle oracle = cluster().oracle();
        assertThatThrownBy(() -> oracle.decide(Peer.pod("default/nope"), Peer.node(), 80, "TCP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown pod default/nope");
        assertThatThrownBy(() -> oracle.decide(Peer.node(), Peer.pod("default/db"), 0, "TCP"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> oracle.decide(Peer.node(), Peer.pod("default/db"), 80, "ICMP"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Peer.ip("10.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
