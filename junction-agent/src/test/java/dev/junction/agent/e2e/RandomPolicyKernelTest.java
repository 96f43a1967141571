package dev.junction.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.agent.sandbox.Expectation;
import dev.junction.agent.sandbox.ObjectRef;
import dev.junction.agent.sandbox.Probe;
import dev.junction.agent.sandbox.ProbeResult;
import dev.junction.agent.sandbox.Sandbox;
import dev.junction.netpol.oracle.LocalNode;
import dev.junction.netpol.oracle.Peer;
import dev.junction.netpol.oracle.PolicyOracle;
import dev.junction.netpol.oracle.RandomPolicies;
import dev.junction.netpol.oracle.Scenario;
import dev.junction.netpol.oracle.Verdict;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firewall ({@code --run-firewall}) against the independent NetworkPolicy oracle with real packets (root):
 * for fixed seeds, a {@link RandomPolicies} scenario with every pod moved onto the sandbox node, a deterministic
 * sample of pod-to-pod cells (80/TCP, 81/TCP, 80/UDP, 53/UDP), each probed once and compared with the oracle.
 */
@Tag("kernel")
class RandomPolicyKernelTest {
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L,
            15L, 16L, 17L, 18L, 19L, 20L);
    private static final int CELLS = 30;
    private static final String NODE = "sandbox-node";
    private static final String NODE_IP = "192.168.77.2";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @BeforeAll
    static void root() {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
    }

    record Cell(Pod from, Pod to, int port, String protocol) {
        String fromName() { return ref(from); }
        String toName() { return ref(to); }
        String target() { return "pod " + toName() + ":" + port + "/" + protocol.toLowerCase(Locale.ROOT); }
        @Override public String toString() { return fromName() + " -> " + toName() + " " + port + "/" + protocol; }
    }

    @Test
    void theFirewallAgreesWithTheOracleOnRandomScenarios(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        List<String> mismatches = new ArrayList<>();
        int probed = 0;
        int allowed = 0;
        for (long seed : SEEDS) {
            long ts = System.nanoTime();
            Scenario generated = RandomPolicies.generate(seed);
            List<Namespace> namespaces = generated.namespaces();
            List<Pod> pods = new ArrayList<>();
            for (Pod p : generated.pods()) {
                if (Boolean.TRUE.equals(p.getSpec().getHostNetwork())) {
                    continue;
                }
                Pod copy = YAML.clone(p);
                copy.getSpec().setNodeName(NODE);
                copy.setStatus(null);
                pods.add(copy);
            }
            List<NetworkPolicy> policies = generated.policies();
            Path dir = Files.createDirectories(tmp.resolve("seed-" + seed));
            List<HasMetadata> objects = new ArrayList<>(namespaces);
            objects.addAll(pods);
            objects.addAll(policies);
            Files.writeString(dir.resolve("cluster.yaml"), toYaml(objects));

            try (Sandbox sandbox = Sandbox.start(dir, List.of("--run-firewall"))) {
                // The oracle sees the same objects, with the addresses the sandbox gave the pods.
                List<Pod> bound = new ArrayList<>();
                for (Pod p : pods) {
                    Pod b = YAML.clone(p);
                    String ip = sandbox.cluster().podIp(ObjectRef.parse(ref(p)));
                    PodStatus status = new PodStatus();
                    status.setPhase("Running");
                    status.setPodIP(ip);
                    status.setPodIPs(List.of(new PodIP(ip)));
                    b.setStatus(status);
                    bound.add(b);
                }
                PolicyOracle oracle = new PolicyOracle(bound, namespaces, policies, LocalNode.of(NODE, NODE_IP));
                Scenario written = new Scenario(seed, LocalNode.of(NODE, NODE_IP), namespaces, bound, policies);

                List<Cell> cells = sample(pods, seed);
                List<Verdict> verdicts = new ArrayList<>();
                List<Probe> probes = new ArrayList<>();
                for (Cell c : cells) {
                    Verdict v = oracle.decide(Peer.pod(c.fromName()), Peer.pod(c.toName()), c.port(), c.protocol());
                    verdicts.add(v);
                    Expectation e = v.allowed() ? new Expectation.Allow() : new Expectation.Deny();
                    probes.add(Probe.of("seed " + seed + ": " + c, c.fromName(), c.target(), e).withTries(1));
                }
                List<ProbeResult> results = sandbox.runProbes(probes);
                for (int i = 0; i < results.size(); i++) {
                    ProbeResult r = results.get(i);
                    probed++;
                    if (verdicts.get(i).allowed()) {
                        allowed++;
                    }
                    if (!r.passed()) {
                        // One retry with more tries, so a lost packet is not reported as a disagreement.
                        ProbeResult again = sandbox.probe(r.probe().withTries(3));
                        String msg = String.format("MISMATCH seed %d cell %s: oracle %s, firewall saw %s%s%n"
                                        + "oracle explain:%n  %s%nscenario:%n%s",
                                seed, cells.get(i), verdicts.get(i).allowed() ? "ALLOW" : "DENY", r.seen(),
                                again.passed() ? " (passed on retry: transient)" : ", on retry " + again.seen(),
                                String.join("\n  ", verdicts.get(i).explain()), written.toYaml());
                        System.out.println(msg);
                        if (!again.passed()) {
                            mismatches.add(msg);
                        }
                    }
                }
            }
            System.out.printf("random-policy seed %d: %d pods, %d policies, %.1f s%n", seed, pods.size(),
                    policies.size(), (System.nanoTime() - ts) / 1e9);
        }
        System.out.printf("random-policy: %d scenarios, %d cells (%d allowed), %d mismatches, %.1f s%n", SEEDS.size(),
                probed, allowed, mismatches.size(), (System.nanoTime() - t0) / 1e9);
        assertThat(mismatches).as(String.join("\n\n", mismatches)).isEmpty();
    }

    /** Every ordered pair of distinct pods times every declared port, shuffled by the seed; about half allowed. */
    private static List<Cell> sample(List<Pod> pods, long seed) {
        List<Cell> all = new ArrayList<>();
        for (Pod from : pods) {
            for (Pod to : pods) {
                if (from == to) {
                    continue;
                }
                for (var c : to.getSpec().getContainers()) {
                    for (ContainerPort p : c.getPorts()) {
                        String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
                        all.add(new Cell(from, to, p.getContainerPort(), proto));
                    }
                }
            }
        }
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, Math.min(CELLS, all.size())));
    }

    private static String ref(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }

    private static String toYaml(List<HasMetadata> objects) {
        StringBuilder s = new StringBuilder();
        for (HasMetadata o : objects) {
            String doc = YAML.asYaml(o);
            s.append(doc.startsWith("---") ? doc : "---\n" + doc);
            if (!doc.endsWith("\n")) {
                s.append('\n');
            }
        }
        return s.toString();
    }
}
