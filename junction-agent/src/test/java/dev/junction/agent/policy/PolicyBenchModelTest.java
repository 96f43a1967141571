package dev.junction.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.agent.policy.FirewallSync.Phases;
import dev.junction.firewall.compile.FirewallCompiler;
import dev.junction.firewall.compile.FirewallContext;
import dev.junction.firewall.compile.FirewallNames;
import dev.junction.model.IpFamily;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PodInfo;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.model.policy.PolicyStore;
import dev.junction.nft.FakeNft;
import dev.junction.nft.Family;
import dev.junction.nft.TableRef;
import dev.junction.nft.desired.Fragment;
import dev.junction.nft.desired.TableSync;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's synthetic cluster and its controller-like sync, without a kernel (the strict FakeNft). */
@Tag("unit")
class PolicyBenchModelTest {
    private static final FirewallContext CTX = new FirewallContext(IpFamily.V4, SyntheticPolicies.NODE,
            SyntheticPolicies.podCidrs(), false);

    @Test
    void theClusterHasTheAskedSizesSpreadOverNamespacesAndOneInTwentyLocal() {
        SyntheticPolicies m = new SyntheticPolicies(5000, 1000);
        assertThat(m.pods).hasSize(5000);
        assertThat(m.policies).hasSize(1000);
        assertThat(m.namespaces).isEqualTo(10);
        assertThat(m.localPods()).isBetween(240L, 260L);
        assertThat(m.pods.stream().map(PodInfo::namespace).distinct().count()).isEqualTo(10);
        assertThat(m.pods.stream().map(p -> p.ips().getFirst()).distinct().count()).isEqualTo(5000);
        assertThat(m.policies.stream().map(NetworkPolicy::key).distinct().count()).isEqualTo(1000);
        assertThat(new SyntheticPolicies(50, 10).namespaces).isEqualTo(3);
        assertThat(new SyntheticPolicies(5000, 1000).pods).isEqualTo(m.pods); // deterministic
    }

    @Test
    void someOfThePoliciesSelectTheServerAndTheLastOneAllowsTheClient() {
        SyntheticPolicies m = new SyntheticPolicies(5000, 1000);
        PodInfo server = pod(m, SyntheticPolicies.SERVER);
        PodInfo client = pod(m, SyntheticPolicies.CLIENT);
        List<NetworkPolicy> onServer = m.policies.stream().filter(p -> p.ingress() && selects(p, server)).toList();
        List<NetworkPolicy> onClient = m.policies.stream().filter(p -> p.egress() && selects(p, client)).toList();
        assertThat(onServer).hasSize(5 + 1); // five allow-lists and the namespace's default deny
        assertThat(onClient).hasSize(5);
        PolicySnapshot snap = snapshot(m);
        SortedMap<String, Fragment> f = FirewallCompiler.compile(snap.pods(), snap.namespaces(), snap.policies(), CTX);
        List<String> ingress = f.get("pod:" + SyntheticPolicies.SERVER).chains().values().iterator().next().rules();
        assertThat(ingress.get(ingress.size() - 2)).contains("tcp dport 8080 accept").contains("server-ingress-4");
        assertThat(ingress.getLast()).isEqualTo("drop");
    }

    @Test
    void churnAfterAColdSyncIsPartialAndKeepsTheStateEqualToAFreshCompile() throws Exception {
        SyntheticPolicies m = new SyntheticPolicies(400, 80);
        PolicyStore store = new PolicyStore();
        m.feed(store);
        FakeNft fake = new FakeNft();
        TimedNft nft = new TimedNft(fake);
        FirewallSync sync = new FirewallSync(store, CTX, new TableSync(nft, new TableRef(Family.IP, FirewallNames.TABLE)), nft);
        Phases cold = sync.sync();
        assertThat(cold.full()).isTrue();
        assertThat(cold.fragments()).isEqualTo(cold.changed()).isPositive();
        assertThat(cold.nftNanos()).isPositive().isLessThanOrEqualTo(cold.syncNanos());
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            PodInfo p = i % 2 == 0 ? m.regularPod(1000 + i, true, random)
                    : SyntheticPolicies.relabel(m.pods.get(2 + i), SyntheticPolicies.randomApp(random));
            store.putPod(p);
            Phases ph = sync.sync();
            assertThat(ph.full()).isFalse();
            assertThat(ph.totalNanos()).isGreaterThanOrEqualTo(ph.compileNanos() + ph.syncNanos());
        }
        assertThat(sync.matchesFreshCompile()).isTrue();
        assertThat(fake.elements(new TableRef(Family.IP, FirewallNames.TABLE), FirewallNames.LOCAL_PODS))
                .hasSize((int) m.localPods() + 10);
    }

    @Test
    void percentilesAreByNearestRank() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i;
        }
        assertThat(Stats.percentile(v, 0.5)).isEqualTo(50);
        assertThat(Stats.percentile(v, 0.99)).isEqualTo(99);
        assertThat(Stats.percentile(v, 1.0)).isEqualTo(100);
        assertThat(Stats.percentile(new double[] {7}, 0.99)).isEqualTo(7);
        assertThat(Stats.summary(v, "ms")).containsEntry("count", 100).containsEntry("p50_ms", 50.0);
    }

    private static boolean selects(NetworkPolicy p, PodInfo pod) {
        return p.namespace().equals(pod.namespace()) && p.podSelector().matches(pod.labels());
    }

    private static PodInfo pod(SyntheticPolicies m, String key) {
        return m.pods.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }

    private static PolicySnapshot snapshot(SyntheticPolicies m) {
        PolicyStore store = new PolicyStore();
        m.feed(store);
        return store.snapshot();
    }
}
