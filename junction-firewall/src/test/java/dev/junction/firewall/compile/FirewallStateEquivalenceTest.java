package dev.junction.firewall.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import dev.junction.model.Protocol;
import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicyChanges;
import dev.junction.model.policy.PolicyPeer;
import dev.junction.model.policy.PolicyPort;
import dev.junction.model.policy.PolicyRule;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.nft.desired.Fragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental firewall state must always equal a compile from scratch: random pods, namespaces and
 * policies change step by step (adds, removals, relabels, new IPs, namespace labels), and after every step the
 * state's fragments are compared with {@link FirewallCompiler#compile} of the same snapshot.
 * IP plan: pods 10.244.0.0/16 (this node n1 owns 10.244.1.0/24).
 */
@Tag("unit")
class FirewallStateEquivalenceTest {
    private static final FirewallContext CTX = new FirewallContext(IpFamily.V4, "n1", List.of(Cidr.of("10.244.1.0/24")), false);
    private static final List<String> NAMESPACES = List.of("a", "b", "c");
    private static final List<String> APPS = List.of("web", "db", "client");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void incrementalStateEqualsAFreshCompileAfterEveryStep(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, PodInfo> pods = new TreeMap<>();
        Map<String, NamespaceInfo> nss = new TreeMap<>();
        Map<String, NetworkPolicy> pols = new TreeMap<>();
        FirewallState state = new FirewallState(CTX);
        for (int step = 0; step < 60; step++) {
            Map<String, PolicyChanges.Change<PodInfo>> pc = new TreeMap<>();
            Map<String, PolicyChanges.Change<NamespaceInfo>> nc = new TreeMap<>();
            Map<String, PolicyChanges.Change<NetworkPolicy>> qc = new TreeMap<>();
            int changes = 1 + rnd.nextInt(3);
            for (int i = 0; i < changes; i++) {
                switch (rnd.nextInt(4)) {
                    case 0, 1 -> {
                        PodInfo p = pod(rnd);
                        if (!pc.containsKey(p.key())) {
                            PodInfo old = pods.get(p.key());
                            PodInfo next = rnd.nextInt(5) == 0 ? null : p;
                            record(pods, pc, p.key(), old, next);
                        }
                    }
                    case 2 -> {
                        String n = NAMESPACES.get(rnd.nextInt(3));
                        if (!nc.containsKey(n)) {
                            NamespaceInfo next = new NamespaceInfo(n, Map.of("team", "t" + rnd.nextInt(2)));
                            record(nss, nc, n, nss.get(n), next);
                        }
                    }
                    default -> {
                        NetworkPolicy p = policy(rnd);
                        if (!qc.containsKey(p.key())) {
                            record(pols, qc, p.key(), pols.get(p.key()), rnd.nextInt(4) == 0 ? null : p);
                        }
                    }
                }
            }
            state.apply(new PolicyChanges(pc, nc, qc, new PolicySnapshot(pods, nss, pols)));
            Map<String, Fragment> fresh = FirewallCompiler.compile(pods, nss, pols, CTX);
            Map<String, Fragment> inc = state.all();
            java.util.TreeSet<String> owners = new java.util.TreeSet<>(inc.keySet());
            owners.addAll(fresh.keySet());
            for (String o : owners) {
                assertThat(inc.get(o)).as("seed %d step %d owner %s", seed, step, o).isEqualTo(fresh.get(o));
            }
        }
    }

    private static <T> void record(Map<String, T> live, Map<String, PolicyChanges.Change<T>> changes, String key, T old, T next) {
        if (old == null && next == null) {
            return;
        }
        changes.put(key, new PolicyChanges.Change<>(old, next));
        if (next == null) {
            live.remove(key);
        } else {
            live.put(key, next);
        }
    }

    private static PodInfo pod(SplittableRandom rnd) {
        String ns = NAMESPACES.get(rnd.nextInt(3));
        int n = rnd.nextInt(6);
        boolean local = rnd.nextBoolean();
        // IPs are sometimes reused across pods, as a deleted pod's address is handed to a new one.
        Ip ip = Ip.of("10.244." + (local ? 1 : 2) + "." + (1 + rnd.nextInt(12)));
        return new PodInfo(ns, "p" + n, List.of(ip), Map.of("app", APPS.get(rnd.nextInt(3))), local ? "n1" : "n2",
                false, List.of(new PodInfo.NamedPort("http", Protocol.TCP, 80 + rnd.nextInt(2))));
    }

    private static NetworkPolicy policy(SplittableRandom rnd) {
        String ns = NAMESPACES.get(rnd.nextInt(3));
        LabelSelector target = rnd.nextBoolean() ? LabelSelector.EVERYTHING
                : new LabelSelector(Map.of("app", APPS.get(rnd.nextInt(3))), List.of());
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            List<PolicyPeer> peers = new ArrayList<>();
            switch (rnd.nextInt(4)) {
                case 0 -> peers.add(new PolicyPeer.Pods(new LabelSelector(Map.of("app", APPS.get(rnd.nextInt(3))), List.of()), null));
                case 1 -> peers.add(new PolicyPeer.Pods(null, new LabelSelector(Map.of("team", "t" + rnd.nextInt(2)), List.of())));
                case 2 -> peers.add(new PolicyPeer.IpBlock(Cidr.of("10.244.0.0/16"), List.of(Cidr.of("10.244.2.0/24"))));
                default -> { }
            }
            List<PolicyPort> ports = rnd.nextBoolean() ? List.of()
                    : List.of(rnd.nextBoolean() ? new PolicyPort(Protocol.TCP, 0, "http", 0) : new PolicyPort(Protocol.TCP, 80, null, 0));
            rules.add(new PolicyRule(peers, ports));
        }
        boolean egress = rnd.nextBoolean();
        return new NetworkPolicy(ns, "np" + rnd.nextInt(5), target, !egress || rnd.nextBoolean(), egress,
                egress ? List.of() : rules, egress ? rules : List.of());
    }

    @SuppressWarnings("unused")
    private static final Set<String> UNUSED = Set.of();
}
