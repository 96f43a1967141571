// IP plan: see SimulatedCluster (RandomPolicies' two nodes, pods in 10.0.0.0/16 and fd00:10::/32).
package dev.junction.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.junction.model.Ip;
import dev.junction.netpol.oracle.DirectionVerdict;
import dev.junction.netpol.oracle.InvalidPolicy;
import dev.junction.netpol.oracle.LocalNode;
import dev.junction.netpol.oracle.Peer;
import dev.junction.netpol.oracle.PolicyOracle;
import dev.junction.netpol.oracle.RandomPolicies;
import dev.junction.netpol.oracle.Scenario;
import dev.junction.netpol.oracle.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled firewall, run by {@link FirewallTracer} over the data path {@link SimulatedCluster} models, against
 * the independent {@link PolicyOracle}, for every cell of each random scenario's connectivity matrix: every source
 * and destination of {@link Scenario#peers()} on 80/TCP, 81/TCP, 80/UDP and 53/UDP. Zero mismatches.
 *
 * <p>The oracle stands on one node: traffic from that node to its own pods is exempt. A flow's destination is judged
 * on the destination's node, so a flow to a pod of {@code node-2} is asked of an oracle standing on {@code node-2}
 * (same objects, {@link LocalNode} {@code node-2}), except when the source is {@link Peer#node()}, which is the
 * scenario's node ({@code node-1}). Only host-network pods of {@code node-2} are judged differently by the two.
 */
@Tag("unit")
class OracleComparisonTest {
    private static final List<Object[]> PORTS = List.of(
            new Object[] {80, "TCP"}, new Object[] {81, "TCP"}, new Object[] {80, "UDP"}, new Object[] {53, "UDP"});
    private static final int SHOWN = 5;
    private static final AtomicLong CELLS = new AtomicLong();
    private static final AtomicLong ALLOWED = new AtomicLong();
    private static final AtomicLong DENIED_BY_POLICY = new AtomicLong();
    private static final AtomicLong INVALID = new AtomicLong();

    /** Seeds 1..200 (CI); {@code -Doracle.seeds=N} runs 1..N, {@code -Doracle.seed=S} replays one. */
    static LongStream seeds() {
        Long one = Long.getLong("oracle.seed");
        return one != null ? LongStream.of(one) : LongStream.rangeClosed(1, Long.getLong("oracle.seeds", 200));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void firewallAgreesWithTheOracle(long seed) throws Exception {
        Scenario scenario = RandomPolicies.generate(seed);
        SimulatedCluster cluster = new SimulatedCluster(scenario);
        Map<String, PolicyOracle> oracles = oracles(scenario);

        Set<String> invalid = scenario.oracle().invalidPolicies().stream()
                .map(p -> p.namespace() + "/" + p.name()).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(cluster.rejectedPolicies())
                .as("seed %d: policies NetworkPolicyConverter rejects = the oracle's invalidPolicies() %s", seed,
                        scenario.oracle().invalidPolicies().stream().map(InvalidPolicy::toString).toList())
                .isEqualTo(invalid);
        INVALID.addAndGet(invalid.size());
        assertThat(cluster.unusedSets()).as("seed %d: sets no rule uses", seed).isEmpty();

        List<String> mismatches = new ArrayList<>();
        int count = compare(scenario, cluster, oracles, mismatches, true);
        CELLS.addAndGet(count);
        if (!mismatches.isEmpty()) {
            fail(report(scenario, cluster, mismatches, count));
        }
    }

    /** The seed, the first mismatches (cell, oracle explanation, firewall trace), the scenario and the tables. */
    private static String report(Scenario scenario, SimulatedCluster cluster, List<String> mismatches, int count) {
        StringBuilder sb = new StringBuilder("seed " + scenario.seed() + ": " + mismatches.size() + " of " + count
                + " cells differ from the oracle (replay: -Doracle.seed=" + scenario.seed() + ")\n");
        mismatches.stream().limit(SHOWN).forEach(m -> sb.append(m).append('\n'));
        sb.append("----- scenario -----\n").append(scenario.toYaml());
        for (String node : SimulatedCluster.NODE_ADDRESSES.keySet()) {
            for (var f : dev.junction.model.IpFamily.values()) {
                sb.append("----- firewall of ").append(node).append(" -----\n")
                        .append(cluster.nft(node).dump(SimulatedCluster.table(f)));
            }
        }
        System.out.println(sb);
        return sb.toString();
    }

    /** An oracle standing on each node (the scenario's own for its node). */
    private static Map<String, PolicyOracle> oracles(Scenario scenario) {
        Map<String, PolicyOracle> oracles = new TreeMap<>();
        SimulatedCluster.NODE_ADDRESSES.forEach((node, ips) -> oracles.put(node, node.equals(scenario.node().name())
                ? scenario.oracle()
                : new PolicyOracle(scenario.pods(), scenario.namespaces(), scenario.policies(),
                        LocalNode.of(node, ips.stream().map(Ip::toString).toArray(String[]::new)))));
        return oracles;
    }

    /** Compares every cell of the matrix; adds a description of each mismatch to {@code mismatches}; the cell count. */
    private static int compare(Scenario scenario, SimulatedCluster cluster, Map<String, PolicyOracle> oracles,
            List<String> mismatches, boolean counted) {
        int count = 0;
        for (Peer from : scenario.peers()) {
            for (Peer to : scenario.peers()) {
                String node = judgingNode(scenario, from, to);
                for (Object[] port : PORTS) {
                    Verdict expected = oracles.get(node).decide(from, to, (int) port[0], (String) port[1]);
                    SimulatedCluster.Outcome actual = cluster.decide(from, to, (int) port[0], (String) port[1]);
                    count++;
                    if (counted) {
                        ALLOWED.addAndGet(expected.allowed() ? 1 : 0);
                        boolean byPolicy = expected.egress().outcome() == DirectionVerdict.Outcome.DENIED
                                || expected.ingress().outcome() == DirectionVerdict.Outcome.DENIED;
                        DENIED_BY_POLICY.addAndGet(byPolicy ? 1 : 0);
                    }
                    if (expected.allowed() != actual.allowed()) {
                        mismatches.add(describe(from, to, port, node, expected, actual));
                    }
                }
            }
        }
        return count;
    }

    /**
     * Pods whose Namespace object is not known (deleted while its pods terminate, or not yet seen): the namespace still
     * has its {@code kubernetes.io/metadata.name} label, which the API server guarantees, and no other.
     */
    @ParameterizedTest(name = "seed {0} without namespace ns-b")
    @MethodSource("someSeeds")
    void podsOfAnUnknownNamespace(long seed) throws Exception {
        Scenario full = RandomPolicies.generate(seed);
        Scenario scenario = new Scenario(seed, full.node(), full.namespaces().stream()
                .filter(n -> !n.getMetadata().getName().equals("ns-b")).toList(), full.pods(), full.policies());
        List<String> mismatches = new ArrayList<>();
        SimulatedCluster cluster = new SimulatedCluster(scenario);
        int count = compare(scenario, cluster, oracles(scenario), mismatches, false);
        if (!mismatches.isEmpty()) {
            fail("without the Namespace ns-b: " + report(scenario, cluster, mismatches, count));
        }
    }

    static LongStream someSeeds() {
        return LongStream.rangeClosed(1, 50);
    }

    /** The comparison has teeth: a firewall compiled without one of the policies disagrees with the oracle. */
    @Test
    void aFirewallMissingAPolicyIsCaught() throws Exception {
        int caught = 0;
        int tried = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Scenario scenario = RandomPolicies.generate(seed);
            SimulatedCluster cluster = new SimulatedCluster(scenario, p -> {
                p.keySet().stream().findFirst().ifPresent(p::remove);
                return p;
            });
            if (scenario.policies().size() == cluster.rejectedPolicies().size()) {
                continue; // no valid policy to leave out
            }
            tried++;
            List<String> mismatches = new ArrayList<>();
            compare(scenario, cluster, oracles(scenario), mismatches, false);
            caught += mismatches.isEmpty() ? 0 : 1;
        }
        assertThat(caught).as("seeds where leaving out a policy is noticed, of " + tried).isGreaterThan(tried / 2);
    }

    /** The node whose view decides the flow: the destination pod's, unless the node itself sends. */
    private static String judgingNode(Scenario s, Peer from, Peer to) {
        if (to instanceof Peer.PodPeer p && !(from instanceof Peer.NodePeer)) {
            return s.pods().stream()
                    .filter(x -> x.getMetadata().getNamespace().equals(p.namespace()) && x.getMetadata().getName().equals(p.name()))
                    .map(x -> x.getSpec().getNodeName()).findFirst().orElseThrow();
        }
        return s.node().name();
    }

    private static String describe(Peer from, Peer to, Object[] port, String node, Verdict expected,
            SimulatedCluster.Outcome actual) {
        return "== " + from + " -> " + to + " " + port[0] + "/" + port[1] + ": oracle (on " + node + ") "
                + (expected.allowed() ? "ALLOW" : "DENY") + ", firewall " + (actual.allowed() ? "ALLOW" : "DENY")
                + "\n-- oracle:\n  " + String.join("\n  ", expected.explain())
                + "\n-- firewall:\n  " + String.join("\n  ", actual.trace());
    }

    @AfterAll
    static void theMatrixWasNotVacuous() {
        System.out.printf("cells %d, allowed %d, denied by a policy %d, invalid policies %d%n", CELLS.get(),
                ALLOWED.get(), DENIED_BY_POLICY.get(), INVALID.get());
        if (System.getProperty("oracle.seed") != null) {
            return;
        }
        assertThat(CELLS.get()).as("cells compared").isGreaterThan(100_000);
        assertThat(ALLOWED.get()).as("allowed cells").isBetween(CELLS.get() / 10, CELLS.get() * 9 / 10);
        assertThat(DENIED_BY_POLICY.get()).as("cells a policy denies").isGreaterThan(CELLS.get() / 20);
        assertThat(INVALID.get()).as("invalid policies seen").isPositive();
    }
}
