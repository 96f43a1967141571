package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.junction.model.Ip;
import dev.junction.model.policy.PolicyStore;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** IP plan in {@link PolicyTestObjects}. */
@Tag("unit")
class PolicyFeederTest {
    private final PolicyStore store = new PolicyStore();
    private final RecordingRejections rejections = new RecordingRejections();
    private final AtomicInteger syncs = new AtomicInteger();
    private final PolicyFeeder feeder = new PolicyFeeder(store, rejections, syncs::incrementAndGet);

    @Test
    void addsAPodAndRequestsASync() {
        feeder.onPodAdd(PolicyTestObjects.pod());
        assertThat(syncs).hasValue(1);
        assertThat(store.snapshot().pods().get("default/web").ips()).containsExactly(Ip.of("10.0.0.1"));
    }

    @Test
    void aStatusOnlyUpdateDoesNotRequestASync() {
        var pod = PolicyTestObjects.pod();
        feeder.onPodAdd(pod);
        var heartbeat = PolicyTestObjects.pod();
        heartbeat.getMetadata().setResourceVersion("42");
        heartbeat.getStatus().setStartTime("2026-03-01T10:00:00Z"); // nothing the firewall reads
        feeder.onPodUpdate(pod, heartbeat);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void aRelabelledPodRequestsASync() {
        var pod = PolicyTestObjects.pod();
        feeder.onPodAdd(pod);
        var relabelled = PolicyTestObjects.pod();
        relabelled.getMetadata().setLabels(Map.of("app", "api"));
        feeder.onPodUpdate(pod, relabelled);
        assertThat(syncs).hasValue(2);
        assertThat(store.snapshot().pods().get("default/web").labels()).containsEntry("app", "api");
    }

    @Test
    void aFinishedPodIsRemoved() {
        var pod = PolicyTestObjects.pod();
        feeder.onPodAdd(pod);
        var done = PolicyTestObjects.pod();
        done.getStatus().setPhase("Succeeded");
        feeder.onPodUpdate(pod, done);
        assertThat(syncs).hasValue(2);
        assertThat(store.podCount()).isZero();
        feeder.onPodDelete(done); // already gone: nothing to do
        assertThat(syncs).hasValue(2);
        assertThat(rejections.rejected).isEmpty();
    }

    @Test
    void deletesAPod() {
        feeder.onPodAdd(PolicyTestObjects.pod());
        feeder.onPodDelete(PolicyTestObjects.pod());
        assertThat(syncs).hasValue(2);
        assertThat(store.podCount()).isZero();
    }

    @Test
    void reportsPodWarningsAndStoresTheRest() {
        var pod = PolicyTestObjects.pod();
        pod.getStatus().getPodIPs().getFirst().setIp("10.0.0.x");
        pod.getStatus().setPodIP("10.0.0.x");
        feeder.onPodAdd(pod);
        assertThat(store.snapshot().pods().get("default/web").ips()).isEmpty();
        assertThat(rejections.warned).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Rejections.POD);
            assertThat(r.namespace()).isEqualTo("default");
            assertThat(r.text()).contains("10.0.0.x");
        });
    }

    @Test
    void feedsNamespaces() {
        feeder.onNamespaceAdd(PolicyTestObjects.namespace());
        assertThat(syncs).hasValue(1);
        feeder.onNamespaceUpdate(PolicyTestObjects.namespace(), PolicyTestObjects.namespace());
        assertThat(syncs).hasValue(1);
        var relabelled = PolicyTestObjects.namespace();
        relabelled.getMetadata().setLabels(Map.of("env", "staging"));
        feeder.onNamespaceUpdate(PolicyTestObjects.namespace(), relabelled);
        assertThat(syncs).hasValue(2);
        assertThat(store.snapshot().namespaces().get("prod").labels()).containsEntry("env", "staging");
        feeder.onNamespaceDelete(relabelled);
        assertThat(syncs).hasValue(3);
        assertThat(store.namespaceCount()).isZero();
    }

    @Test
    void feedsPolicies() {
        feeder.onNetworkPolicyAdd(PolicyTestObjects.policy());
        assertThat(syncs).hasValue(1);
        var resynced = PolicyTestObjects.policy();
        resynced.getMetadata().setGeneration(7L);
        feeder.onNetworkPolicyUpdate(PolicyTestObjects.policy(), resynced);
        assertThat(syncs).hasValue(1);
        var egress = PolicyTestObjects.policy();
        egress.getSpec().setPolicyTypes(List.of("Ingress", "Egress"));
        feeder.onNetworkPolicyUpdate(PolicyTestObjects.policy(), egress);
        assertThat(syncs).hasValue(2);
        assertThat(store.snapshot().policies().get("default/allow-web").egress()).isTrue();
        feeder.onNetworkPolicyDelete(egress);
        assertThat(syncs).hasValue(3);
        assertThat(store.policyCount()).isZero();
    }

    @Test
    void aRejectedPolicyUpdateKeepsTheLastValidVersion() {
        feeder.onNetworkPolicyAdd(PolicyTestObjects.policy());
        var bad = PolicyTestObjects.policy();
        bad.getSpec().getIngress().getFirst().getFrom().get(2).getIpBlock().setExcept(List.of("10.0.0.0/8"));
        feeder.onNetworkPolicyUpdate(PolicyTestObjects.policy(), bad);
        assertThat(syncs).hasValue(1);
        assertThat(store.snapshot().policies().get("default/allow-web").ingressRules()).hasSize(1);
        assertThat(rejections.rejected).containsExactly(new RecordingRejections.Report(Rejections.NETWORK_POLICY,
                "default", "allow-web",
                "spec.ingress[0].from[2].ipBlock.except[0]: 10.0.0.0/8 is not inside 192.0.2.0/24"));
    }

    @Test
    void aRejectedAddStoresNothing() {
        var bad = PolicyTestObjects.policy();
        bad.getSpec().setPolicyTypes(List.of("Sideways"));
        feeder.onNetworkPolicyAdd(bad);
        var badPod = PolicyTestObjects.pod();
        badPod.getMetadata().setNamespace(null);
        feeder.onPodAdd(badPod);
        assertThat(syncs).hasValue(0);
        assertThat(store.snapshot()).isEqualTo(dev.junction.model.policy.PolicySnapshot.EMPTY);
        assertThat(rejections.rejected).extracting(RecordingRejections.Report::kind)
                .containsExactly(Rejections.NETWORK_POLICY, Rejections.POD);
    }

    @Test
    void marksEachKindSyncedAndRequestsASync() {
        feeder.onSynced(PolicyStore.Kind.PODS);
        feeder.onSynced(PolicyStore.Kind.NAMESPACES);
        assertThat(store.allSynced()).isFalse();
        feeder.onSynced(PolicyStore.Kind.NETWORK_POLICIES);
        assertThat(store.allSynced()).isTrue();
        assertThat(syncs).hasValue(3);
    }

    @Test
    void nothingEverEscapesAHandler() {
        var broken = new io.fabric8.kubernetes.api.model.Pod() {
            @Override
            public PodSpec getSpec() {
                throw new UnsupportedOperationException("boom");
            }
        };
        broken.setMetadata(PolicyTestObjects.pod().getMetadata());
        var brokenPolicy = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy() {
            @Override
            public NetworkPolicySpec getSpec() {
                throw new UnsupportedOperationException("boom");
            }
        };
        brokenPolicy.setMetadata(PolicyTestObjects.policy().getMetadata());
        assertThatCode(() -> feeder.onPodAdd(broken)).doesNotThrowAnyException();
        assertThatCode(() -> feeder.onNetworkPolicyUpdate(null, brokenPolicy)).doesNotThrowAnyException();
        assertThatCode(() -> feeder.onNamespaceDelete(null)).doesNotThrowAnyException();
        assertThat(rejections.failed).extracting(RecordingRejections.Report::name)
                .containsExactly("web", "allow-web", "");
        assertThat(syncs).hasValue(0);
    }

    @Test
    void aThrowingSyncRequestNeverEscapes() {
        var throwing = new PolicyFeeder(store, rejections, () -> {
            throw new IllegalStateException("runner is gone");
        });
        assertThatCode(() -> throwing.onPodAdd(PolicyTestObjects.pod())).doesNotThrowAnyException();
        assertThatCode(() -> throwing.onSynced(PolicyStore.Kind.PODS)).doesNotThrowAnyException();
        assertThat(rejections.failed).hasSize(2).allSatisfy(r -> assertThat(r.text()).contains("runner is gone"));
    }
}
