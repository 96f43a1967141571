package dev.junction.netpol.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The generator is deterministic, replayable from its YAML, and produces what it promises. */
@Tag("unit")
class RandomPoliciesTest {
    private static final List<Object[]> PROBES = List.of(
            new Object[] {80, "TCP"}, new Object[] {81, "TCP"}, new Object[] {80, "UDP"}, new Object[] {53, "UDP"},
            new Object[] {80, "SCTP"}, new Object[] {443, "TCP"});

    /** Every verdict of a scenario over its peers and the probe ports, as text. */
    static List<String> verdicts(Scenario s) {
        PolicyOracle oracle = s.oracle();
        List<String> all = new ArrayList<>();
        for (Peer from : s.peers()) {
            for (Peer to : s.peers()) {
                for (Object[] probe : PROBES) {
                    all.add(oracle.decide(from, to, (int) probe[0], (String) probe[1]).toString());
                }
            }
        }
        return all;
    }

    @Test
    void theSameSeedGivesTheSameScenario() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            Scenario a = RandomPolicies.generate(seed);
            Scenario b = RandomPolicies.generate(seed);
            assertThat(a.toYaml()).isEqualTo(b.toYaml());
            assertThat(verdicts(a)).isEqualTo(verdicts(b));
        }
    }

    @Test
    void differentSeedsGiveDifferentScenarios() {
        Set<String> yamls = new HashSet<>();
        LongStream.range(0, 50).forEach(seed -> yamls.add(RandomPolicies.generate(seed).toYaml()));
        assertThat(yamls).hasSize(50);
    }

    @Test
    void theYamlReplaysToTheSameVerdicts() {
        for (long seed = 0; seed < 15; seed++) {
            Scenario original = RandomPolicies.generate(seed);
            Scenario replayed = Scenario.fromYaml(original.toYaml());
            assertThat(replayed.seed()).isEqualTo(seed);
            assertThat(replayed.node()).isEqualTo(original.node());
            assertThat(replayed.toYaml()).isEqualTo(original.toYaml());
            assertThat(verdicts(replayed)).as("seed %d", seed).isEqualTo(verdicts(original));
        }
    }

    @Test
    void scenariosCoverTheFeatures() {
        StringBuilder all = new StringBuilder();
        int invalid = 0, allowed = 0, denied = 0;
        for (long seed = 0; seed < 150; seed++) {
            Scenario s = RandomPolicies.generate(seed);
            all.append(s.toYaml());
            PolicyOracle oracle = s.oracle();
            invalid += oracle.invalidPolicies().size();
            for (Peer from : oracle.pods()) {
                for (Peer to : oracle.pods()) {
                    if (oracle.decide(from, to, 80, "TCP").allowed()) {
                        allowed++;
                    } else {
                        denied++;
                    }
                }
            }
        }
        assertThat(all.toString()).contains("matchLabels", "operator: \"In\"", "operator: \"NotIn\"",
                "operator: \"Exists\"", "operator: \"DoesNotExist\"", "except:", "endPort:", "port: \"http\"",
                "port: \"dns\"", "protocol: \"SCTP\"", "hostNetwork: true", "policyTypes:", "ipBlock:",
                "namespaceSelector:", "fd00:10::");
        assertThat(invalid).isPositive();
        assertThat(allowed).isPositive();
        assertThat(denied).isPositive();
    }

    @Test
    void verdictsKeepTheirInvariants() {
        for (long seed = 0; seed < 60; seed++) {
            Scenario s = RandomPolicies.generate(seed);
            PolicyOracle oracle = s.oracle();
            for (Peer from : s.peers()) {
                for (Peer to : s.peers()) {
                    Verdict v = oracle.decide(from, to, 80, "TCP");
                    assertThat(v.allowed()).isEqualTo(v.egress().allows() && v.ingress().allows());
                    if (from instanceof Peer.NodePeer && to instanceof Peer.PodPeer p && isLocalWithIp(s, p)) {
                        assertThat(v.allowed()).as("seed %d: %s", seed, v).isTrue();
                    }
                    if (to instanceof Peer.PodPeer p && p.name().equals("pending")) {
                        assertThat(v.allowed()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void allowAllPoliciesOpenEveryPodToPodFlow() {
        String allowAll = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: zz-allow-all, namespace: NS}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress, Egress]
                  ingress: [{}]
                  egress: [{}]
                """;
        for (long seed = 0; seed < 20; seed++) {
            StringBuilder yaml = new StringBuilder(RandomPolicies.generate(seed).toYaml());
            for (String ns : List.of("ns-a", "ns-b", "ns-c")) {
                yaml.append("---\n").append(allowAll.replace("NS", ns));
            }
            Scenario s = Scenario.fromYaml(yaml.toString());
            PolicyOracle oracle = s.oracle();
            for (Peer from : oracle.pods()) {
                for (Peer to : oracle.pods()) {
                    Verdict v = oracle.decide(from, to, 81, "TCP");
                    boolean reachable = v.sourceAddress() != null && v.destinationAddress() != null;
                    assertThat(v.allowed()).as("seed %d: %s", seed, v).isEqualTo(reachable);
                }
            }
        }
    }

    private static boolean isLocalWithIp(Scenario s, Peer.PodPeer p) {
        return s.pods().stream().anyMatch(pod -> pod.getMetadata().getNamespace().equals(p.namespace())
                && pod.getMetadata().getName().equals(p.name()) && s.node().runs(pod)
                && pod.getStatus().getPodIP() != null);
    }
}
