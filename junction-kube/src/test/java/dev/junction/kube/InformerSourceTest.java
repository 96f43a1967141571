package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ClusterStore;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against the fabric8 CRUD mock API server, which ignores field selectors: the own-node filter is exercised by
 * the feeder. IP plan in {@link TestObjects}; the agent runs on node "me".
 */
@Tag("unit")
class InformerSourceTest {
    private static final ServiceKey WEB = new ServiceKey("default", "web");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final CrudMock mock = new CrudMock();
    private final KubernetesClient client = mock.client;

    private final ClusterStore store = new ClusterStore("me");
    private final RecordingRejections rejections = new RecordingRejections();
    private final AtomicInteger syncs = new AtomicInteger();
    private final StoreFeeder feeder = new StoreFeeder(store, ServiceConverter.Options.defaults(), rejections,
            syncs::incrementAndGet);
    private InformerSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
        mock.close();
    }

    @Test
    void theInitialListIsInTheStoreWhenSyncedCompletes() throws Exception {
        client.services().inNamespace("default").resource(TestObjects.service()).create();
        client.discovery().v1().endpointSlices().inNamespace("default").resource(TestObjects.slice()).create();
        client.nodes().resource(TestObjects.node("me")).create();
        client.nodes().resource(TestObjects.node("other")).create();

        source = new InformerSource(client, feeder, Duration.ofSeconds(30));
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // No waiting: marking synced must come after the initial adds reached the feeder.
        assertThat(source.hasSynced()).isTrue();
        assertThat(store.allSynced()).isTrue();
        ServiceState web = state(WEB);
        assertThat(web.service()).isNotNull();
        assertThat(web.slices()).hasSize(1);
        assertThat(store.node()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("me"));
    }

    @Test
    void followsCreatesUpdatesAndDeletes() throws Exception {
        source = new InformerSource(client, feeder);
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(store.allSynced()).isTrue();
        assertThat(store.serviceCount()).isZero();

        var services = client.services().inNamespace("default");
        var slices = client.discovery().v1().endpointSlices().inNamespace("default");
        services.resource(TestObjects.service()).create();
        slices.resource(TestObjects.slice()).create();
        eventually(() -> state(WEB).service() != null && state(WEB).slices().size() == 1);

        var changed = TestObjects.service();
        changed.getSpec().getPorts().getFirst().setPort(8080);
        services.resource(changed).update();
        eventually(() -> state(WEB).service().ports().getFirst().port() == 8080);

        var bad = TestObjects.service();
        bad.getSpec().getPorts().getFirst().setPort(70000); // the mock, unlike an API server, accepts it
        services.resource(bad).update();
        eventually(() -> !rejections.rejected.isEmpty());
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(8080);

        var fewerEndpoints = TestObjects.slice();
        fewerEndpoints.setEndpoints(List.of(fewerEndpoints.getEndpoints().getFirst()));
        slices.resource(fewerEndpoints).update();
        eventually(() -> state(WEB).slices().getFirst().endpoints().size() == 1);

        services.withName("web").delete();
        slices.withName("web-abc").delete();
        eventually(() -> state(WEB).service() == null && state(WEB).slices().isEmpty());
        assertThat(rejections.failed).isEmpty();
    }

    @Test
    void keepsOnlyItsOwnNodeAlthoughTheServerIgnoresTheFieldSelector() throws Exception {
        client.nodes().resource(TestObjects.node("other")).create();
        source = new InformerSource(client, feeder);
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(store.node()).isEmpty();

        client.nodes().resource(TestObjects.node("me")).create();
        eventually(() -> store.node().isPresent());

        var draining = TestObjects.node("me");
        draining.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.Taint(
                "NoSchedule", NodeConverter.AUTOSCALER_DELETE_TAINT, null, null)));
        client.nodes().resource(draining).update();
        eventually(() -> store.node().orElseThrow().draining());

        int syncsBefore = syncs.get();
        var otherChanged = TestObjects.node("other");
        otherChanged.getMetadata().getLabels().put("changed", "yes");
        client.nodes().resource(otherChanged).update();
        client.nodes().withName("other").delete();
        client.nodes().withName("me").delete();
        eventually(() -> store.node().isEmpty());
        assertThat(syncs).hasValue(syncsBefore + 1); // only our own node's delete
    }

    @Test
    void theRoutersTableGetsEveryNodeAndItsChanges() throws Exception {
        var table = new dev.junction.model.NodeTable(() -> { });
        feeder.feedAllNodesTo(table);
        client.nodes().resource(TestObjects.node("me")).create();
        client.nodes().resource(TestObjects.node("other")).create();
        source = new InformerSource(client, feeder, Duration.ofSeconds(30));
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(table.hasSynced()).isTrue();
        assertThat(table.snapshot()).extracting(dev.junction.model.Node::name).containsExactly("me", "other");
        var annotated = TestObjects.node("other");
        annotated.getMetadata().setAnnotations(java.util.Map.of("kube-router.io/node.asn", "65001"));
        client.nodes().resource(annotated).update();
        eventually(() -> table.snapshot().stream().anyMatch(n -> n.annotations().containsKey("kube-router.io/node.asn")));
        client.nodes().withName("other").delete();
        eventually(() -> table.snapshot().size() == 1);
        assertThat(store.node()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("me"));
    }

    @Test
    void closeStopsTheInformers() throws Exception {
        source = new InformerSource(client, feeder);
        source.start().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        source.close();
        client.services().inNamespace("default").resource(TestObjects.service()).create();
        Thread.sleep(200); // nothing to wait for: proving an absence
        assertThat(store.serviceCount()).isZero();
    }

    private ServiceState state(ServiceKey key) {
        return store.takeAll().services().getOrDefault(key, new ServiceState(key, null, List.of()));
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
