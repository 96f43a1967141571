package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.ClusterStore;
import dev.junction.model.Ip;
import dev.junction.model.policy.PolicySnapshot;
import dev.junction.model.policy.PolicyStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The firewall's informers against the fabric8 CRUD mock API server. IP plan in {@link PolicyTestObjects}. */
@Tag("unit")
class PolicyInformerSourceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final CrudMock mock = new CrudMock();
    private final KubernetesClient client = mock.client;

    private final ClusterStore clusterStore = new ClusterStore("me");
    private final PolicyStore store = new PolicyStore();
    private final RecordingRejections rejections = new RecordingRejections();
    private final AtomicInteger syncs = new AtomicInteger();
    private final StoreFeeder services = new StoreFeeder(clusterStore, ServiceConverter.Options.defaults(), rejections,
            syncs::incrementAndGet);
    private final PolicyFeeder policies = new PolicyFeeder(store, rejections, syncs::incrementAndGet);
    private InformerSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
        mock.close();
    }

    @Test
    void theInitialListOfEveryKindIsInTheStoresWhenSyncedCompletes() throws Exception {
        client.services().inNamespace("default").resource(TestObjects.service()).create();
        client.pods().inNamespace("default").resource(PolicyTestObjects.pod()).create();
        client.pods().inNamespace("prod").resource(PolicyTestObjects.pod("prod", "db", "10.0.1.5")).create();
        client.namespaces().resource(PolicyTestObjects.namespace()).create();
        client.network().v1().networkPolicies().inNamespace("default").resource(PolicyTestObjects.policy()).create();

        source = new InformerSource(client, services, policies, Duration.ofSeconds(30));
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // No waiting: each kind is marked synced only after its initial adds reached the feeder.
        assertThat(store.allSynced()).isTrue();
        assertThat(clusterStore.allSynced()).isTrue();
        PolicySnapshot s = store.snapshot();
        assertThat(s.pods()).containsOnlyKeys("default/web", "prod/db"); // every namespace, every node
        assertThat(s.namespaces()).containsOnlyKeys("prod");
        assertThat(s.policies()).containsOnlyKeys("default/allow-web");
        assertThat(clusterStore.serviceCount()).isEqualTo(1);
    }

    @Test
    void followsCreatesUpdatesAndDeletes() throws Exception {
        source = new InformerSource(client, null, policies, InformerSource.DEFAULT_CACHE_SYNC_TIMEOUT);
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(store.allSynced()).isTrue();

        var pods = client.pods().inNamespace("default");
        var netpols = client.network().v1().networkPolicies().inNamespace("default");
        pods.resource(PolicyTestObjects.pod()).create();
        client.namespaces().resource(PolicyTestObjects.namespace()).create();
        netpols.resource(PolicyTestObjects.policy()).create();
        eventually(() -> store.podCount() == 1 && store.namespaceCount() == 1 && store.policyCount() == 1);

        var moved = PolicyTestObjects.pod();
        moved.getStatus().setPodIPs(List.of(new io.fabric8.kubernetes.api.model.PodIP("10.0.0.9")));
        pods.resource(moved).updateStatus();
        eventually(() -> store.snapshot().pods().get("default/web").ips().equals(List.of(Ip.of("10.0.0.9"))));

        var relabelled = PolicyTestObjects.namespace();
        relabelled.getMetadata().setLabels(Map.of("env", "staging"));
        client.namespaces().resource(relabelled).update();
        eventually(() -> "staging".equals(store.snapshot().namespaces().get("prod").labels().get("env")));

        var bad = PolicyTestObjects.policy();
        bad.getSpec().getIngress().getFirst().getPorts().getFirst().setProtocol("ICMP"); // the mock accepts it
        netpols.resource(bad).update();
        eventually(() -> !rejections.rejected.isEmpty());
        assertThat(store.snapshot().policies().get("default/allow-web").ingressRules().getFirst().ports()).hasSize(2);

        pods.withName("web").delete();
        client.namespaces().withName("prod").delete();
        netpols.withName("allow-web").delete();
        eventually(() -> store.podCount() == 0 && store.namespaceCount() == 0 && store.policyCount() == 0);
        assertThat(rejections.failed).isEmpty();
    }

    @Test
    void aFirewallOnlySourceWatchesNoServices() throws Exception {
        client.services().inNamespace("default").resource(TestObjects.service()).create();
        source = new InformerSource(client, null, policies, Duration.ofSeconds(30));
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(store.allSynced()).isTrue();
        assertThat(clusterStore.allSynced()).isFalse();
        assertThat(clusterStore.serviceCount()).isZero();
    }

    @Test
    void theServiceOnlyConstructorWatchesNoPods() throws Exception {
        client.pods().inNamespace("default").resource(PolicyTestObjects.pod()).create();
        source = new InformerSource(client, services);
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(clusterStore.allSynced()).isTrue();
        assertThat(store.allSynced()).isFalse();
        assertThat(store.podCount()).isZero();
    }

    @Test
    void needsAtLeastOneFeeder() {
        assertThatThrownBy(() -> new InformerSource(client, null, null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            Thread.sleep(10);
        }
    }
}
