package dev.junction.netpol.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The explanation text, line by line. IP plan: demo pods in 10.244.0.0/24, local node 192.168.0.1. */
@Tag("unit")
class ExplanationTest {
    private static final String POLICIES = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-egress, namespace: demo}
            spec:
              podSelector: {matchLabels: {app: client}}
              policyTypes: [Egress]
              egress:
              - to: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 80}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: demo}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-from-client, namespace: demo}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from: [{ipBlock: {cidr: 203.0.113.0/24}}]
              - from: [{podSelector: {matchLabels: {app: client}}}]
                ports: [{port: 8080}, {port: 80}]
            """;

    private final PolicyOracle oracle = new TestCluster()
            .namespace("demo")
            .pod("demo/client", "10.244.0.1", "app=client")
            .pod("demo/web", "10.244.0.2", "app=web")
            .pod("demo/db", "10.244.0.3", "app=db")
            .policies(POLICIES)
            .oracle();

    @Test
    void explainsEachDirectionAndEverySelectingPolicy() {
        assertThat(oracle.decide(Peer.pod("demo/client"), Peer.pod("demo/web"), 80, "TCP").explain()).containsExactly(
                "ALLOW demo/client (10.244.0.1) -> demo/web (10.244.0.2) port 80/TCP",
                "egress of demo/client: allowed by demo/allow-egress rule 0 (to: podSelector app=web; port 80/TCP)",
                "  demo/allow-egress: rule 0 matches (to: podSelector app=web; port 80/TCP)",
                "ingress of demo/web: allowed by demo/web-from-client rule 1 (from: podSelector app=client; port 80/TCP)",
                "  demo/default-deny: no ingress rules (allows nothing)",
                "  demo/web-from-client: rule 1 matches (from: podSelector app=client; port 80/TCP)");
    }

    @Test
    void explainsADenialByNamingTheSelectingPolicies() {
        assertThat(oracle.decide(Peer.pod("demo/client"), Peer.pod("demo/db"), 80, "TCP").explain()).containsExactly(
                "DENY demo/client (10.244.0.1) -> demo/db (10.244.0.3) port 80/TCP",
                "egress of demo/client: denied — selected by demo/allow-egress (no rule matches)",
                "  demo/allow-egress: no rule matches",
                "ingress of demo/db: denied — selected by demo/default-deny (no rule matches)",
                "  demo/default-deny: no ingress rules (allows nothing)");
    }

    @Test
    void explainsOpenDirectionsAndTheNode() {
        assertThat(oracle.decide(Peer.ip("203.0.113.5"), Peer.pod("demo/web"), 443, "TCP").explain()).containsExactly(
                "ALLOW 203.0.113.5 -> demo/web (10.244.0.2) port 443/TCP",
                "egress of 203.0.113.5: not a pod: not policed",
                "ingress of demo/web: allowed by demo/web-from-client rule 0 (from: ipBlock 203.0.113.0/24; any port)",
                "  demo/default-deny: no ingress rules (allows nothing)",
                "  demo/web-from-client: rule 0 matches (from: ipBlock 203.0.113.0/24; any port)");
        assertThat(oracle.decide(Peer.node(), Peer.pod("demo/db"), 8080, "TCP").explain()).containsExactly(
                "ALLOW node (192.168.0.1) -> demo/db (10.244.0.3) port 8080/TCP",
                "egress of node: the node is not a pod: not policed",
                "ingress of demo/db: allowed — traffic from the local node is always allowed (kubelet probes)");
        assertThat(oracle.decide(Peer.pod("demo/db"), Peer.pod("demo/client"), 80, "TCP").explain()).contains(
                "egress of demo/db: no policy selects this pod for egress: open");
    }

    @Test
    void structuredVerdictCarriesTheMatchedIndexes() {
        Verdict v = oracle.decide(Peer.pod("demo/client"), Peer.pod("demo/web"), 80, "tcp");
        assertThat(v.protocol()).isEqualTo("TCP");
        assertThat(v.ingress().outcome()).isEqualTo(DirectionVerdict.Outcome.ALLOWED);
        PolicyEvaluation web = v.ingress().policies().get(1);
        assertThat(web.policy()).isEqualTo("demo/web-from-client");
        assertThat(web.match()).contains(new RuleMatch(1, 0, "podSelector app=client", 1, "port 80/TCP"));
        assertThat(v.ingress().policies().get(0).match()).isEmpty();
    }
}
