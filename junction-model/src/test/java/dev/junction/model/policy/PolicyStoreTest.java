package dev.junction.model.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.Ip;
import dev.junction.model.Protocol;
import dev.junction.model.policy.PolicyChanges.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** IP plan: pods 10.0.0.0/16 (fd00::/64 for IPv6). */
@Tag("unit")
class PolicyStoreTest {
    private final PolicyStore store = new PolicyStore();

    private static PodInfo pod(String name, String ip, Map<String, String> labels) {
        return new PodInfo("default", name, ip == null ? List.of() : List.of(Ip.of(ip)), labels, "n1", false,
                List.of(new PodInfo.NamedPort("http", Protocol.TCP, 8080)));
    }

    private static NetworkPolicy policy(String name, boolean egress) {
        return new NetworkPolicy("default", name, LabelSelector.EVERYTHING, true, egress, List.of(),
                List.of());
    }

    @Test
    void reportsAnAddAsAChangeWithoutPrevious() {
        PodInfo web = pod("web", "10.0.0.1", Map.of("app", "web"));
        assertThat(store.putPod(web)).isTrue();
        PolicyChanges c = store.takeChanges();
        assertThat(c.pods()).containsExactly(Map.entry("default/web", new Change<>(null, web)));
        assertThat(c.pods().get("default/web").added()).isTrue();
        assertThat(c.snapshot().pods()).containsExactly(Map.entry("default/web", web));
        assertThat(store.takeChanges().isEmpty()).isTrue();
    }

    @Test
    void dropsANoOpPut() {
        store.putPod(pod("web", "10.0.0.1", Map.of("app", "web")));
        store.takeChanges();
        assertThat(store.putPod(pod("web", "10.0.0.1", Map.of("app", "web")))).isFalse();
        assertThat(store.pendingChanges()).isZero();
    }

    @Test
    void keepsThePreviousValueOfTheLastTakeAcrossSeveralUpdates() {
        PodInfo v1 = pod("web", null, Map.of("app", "web"));
        PodInfo v2 = pod("web", "10.0.0.1", Map.of("app", "web"));
        PodInfo v3 = pod("web", "10.0.0.1", Map.of("app", "web", "tier", "front"));
        store.putPod(v1);
        store.takeChanges();
        assertThat(store.putPod(v2)).isTrue();
        assertThat(store.putPod(v3)).isTrue();
        Change<PodInfo> c = store.takeChanges().pods().get("default/web");
        assertThat(c).isEqualTo(new Change<>(v1, v3));
        assertThat(c.updated()).isTrue();
        assertThat(PolicyChanges.ipsChanged(c)).isTrue();
        assertThat(PolicyChanges.labelsChanged(c)).isTrue();
    }

    @Test
    void tellsIpChangesFromRelabelling() {
        store.putPod(pod("web", "10.0.0.1", Map.of("app", "web")));
        store.takeChanges();
        store.putPod(pod("web", "10.0.0.1", Map.of("app", "api")));
        Change<PodInfo> relabelled = store.takeChanges().pods().get("default/web");
        assertThat(PolicyChanges.labelsChanged(relabelled)).isTrue();
        assertThat(PolicyChanges.ipsChanged(relabelled)).isFalse();
        store.putPod(pod("web", "10.0.0.2", Map.of("app", "api")));
        Change<PodInfo> moved = store.takeChanges().pods().get("default/web");
        assertThat(PolicyChanges.labelsChanged(moved)).isFalse();
        assertThat(PolicyChanges.ipsChanged(moved)).isTrue();
    }

    @Test
    void anAddThenRemoveBeforeATakeLeavesNoChange() {
        assertThat(store.putPod(pod("web", "10.0.0.1", Map.of()))).isTrue();
        assertThat(store.removePod("default", "web")).isTrue();
        assertThat(store.pendingChanges()).isZero();
        assertThat(store.takeChanges().isEmpty()).isTrue();
    }

    @Test
    void aChangeRevertedBeforeATakeLeavesNoChange() {
        PodInfo v1 = pod("web", "10.0.0.1", Map.of("app", "web"));
        store.putPod(v1);
        store.takeChanges();
        store.putPod(pod("web", "10.0.0.2", Map.of("app", "web")));
        assertThat(store.putPod(v1)).isTrue(); // the state changed; the runner coalesces the extra request
        assertThat(store.takeChanges().pods()).isEmpty();
    }

    @Test
    void reportsARemoveWithoutCurrent() {
        PodInfo web = pod("web", "10.0.0.1", Map.of());
        store.putPod(web);
        store.takeChanges();
        assertThat(store.removePod("default", "web")).isTrue();
        assertThat(store.removePod("default", "web")).isFalse();
        assertThat(store.removePod("default", "never")).isFalse();
        Change<PodInfo> c = store.takeChanges().pods().get("default/web");
        assertThat(c.removed()).isTrue();
        assertThat(c.previous()).isEqualTo(web);
        assertThat(store.podCount()).isZero();
    }

    @Test
    void tracksNamespaceLabels() {
        NamespaceInfo prod = new NamespaceInfo("prod", Map.of("env", "prod"));
        assertThat(store.putNamespace(prod)).isTrue();
        store.takeChanges();
        assertThat(store.putNamespace(new NamespaceInfo("prod", Map.of("env", "prod")))).isFalse();
        NamespaceInfo relabelled = new NamespaceInfo("prod", Map.of("env", "production"));
        assertThat(store.putNamespace(relabelled)).isTrue();
        assertThat(store.takeChanges().namespaces()).containsExactly(Map.entry("prod", new Change<>(prod, relabelled)));
        assertThat(store.removeNamespace("prod")).isTrue();
        assertThat(store.takeChanges().namespaces().get("prod").removed()).isTrue();
        assertThat(store.namespaceCount()).isZero();
    }

    @Test
    void tracksPolicies() {
        NetworkPolicy deny = policy("deny", false);
        NetworkPolicy denyBoth = policy("deny", true);
        assertThat(store.putPolicy(deny)).isTrue();
        store.takeChanges();
        assertThat(store.putPolicy(policy("deny", false))).isFalse();
        assertThat(store.putPolicy(denyBoth)).isTrue();
        assertThat(store.takeChanges().policies()).containsExactly(Map.entry("default/deny", new Change<>(deny, denyBoth)));
        assertThat(store.policyCount()).isEqualTo(1);
        assertThat(store.removePolicy("default", "deny")).isTrue();
        assertThat(store.removePolicy("default", "deny")).isFalse();
        assertThat(store.takeChanges().policies().get("default/deny").removed()).isTrue();
    }

    @Test
    void theSnapshotIsSortedImmutableAndLeavesChangesPending() {
        store.putPod(pod("b", "10.0.0.2", Map.of()));
        store.putPod(pod("a", "10.0.0.1", Map.of()));
        store.putNamespace(new NamespaceInfo("default", Map.of()));
        store.putPolicy(policy("deny", false));
        PolicySnapshot s = store.snapshot();
        assertThat(s.pods().keySet()).containsExactly("default/a", "default/b");
        assertThat(s.namespaces()).containsOnlyKeys("default");
        assertThat(s.policies()).containsOnlyKeys("default/deny");
        assertThatThrownBy(() -> s.pods().clear()).isInstanceOf(UnsupportedOperationException.class);
        store.removePod("default", "a");
        assertThat(s.pods()).hasSize(2); // a copy, not a view
        assertThat(store.pendingChanges()).isEqualTo(3); // b, the namespace, the policy (a came and went)
    }

    @Test
    void theChangesAreSortedByKey() {
        store.putPod(pod("c", null, Map.of()));
        store.putPod(pod("a", null, Map.of()));
        store.putPod(pod("b", null, Map.of()));
        assertThat(store.takeChanges().pods().keySet()).containsExactly("default/a", "default/b", "default/c");
    }

    @Test
    void isSyncedOnceEveryKindHasListed() {
        assertThat(store.allSynced()).isFalse();
        store.markSynced(PolicyStore.Kind.PODS);
        store.markSynced(PolicyStore.Kind.NAMESPACES);
        store.markSynced(PolicyStore.Kind.PODS);
        assertThat(store.allSynced()).isFalse();
        store.markSynced(PolicyStore.Kind.NETWORK_POLICIES);
        assertThat(store.allSynced()).isTrue();
    }

    @Test
    void aChangeNeedsOneEnd() {
        assertThatThrownBy(() -> new Change<PodInfo>(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    store.putPod(pod("p" + thread + "-" + i, "10.0." + thread + "." + (i % 250), Map.of()));
                    if (i % 7 == 0) {
                        store.takeChanges();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(store.podCount()).isEqualTo(2000);
        assertThat(store.snapshot().pods()).hasSize(2000);
    }
}
