package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.junction.model.ClusterStore;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** IP plan in {@link TestObjects}. The agent runs on node "me". */
@Tag("unit")
class StoreFeederTest {
    private static final ServiceKey WEB = new ServiceKey("default", "web");

    private final ClusterStore store = new ClusterStore("me");
    private final RecordingRejections rejections = new RecordingRejections();
    private final AtomicInteger syncs = new AtomicInteger();
    private final StoreFeeder feeder = new StoreFeeder(store, ServiceConverter.Options.defaults(), rejections,
            syncs::incrementAndGet);

    @Test
    void addsAServiceAndRequestsASync() {
        feeder.onServiceAdd(TestObjects.service());
        assertThat(syncs).hasValue(1);
        assertThat(state(WEB).service().ports()).hasSize(2);
    }

    @Test
    void aNoOpUpdateDoesNotRequestASync() {
        var svc = TestObjects.service();
        feeder.onServiceAdd(svc);
        var resynced = TestObjects.service();
        resynced.getMetadata().setResourceVersion("42"); // what the proxy reads is unchanged
        feeder.onServiceUpdate(svc, resynced);
        assertThat(syncs).hasValue(1);
    }

    @Test
    void aRealUpdateRequestsASync() {
        var svc = TestObjects.service();
        feeder.onServiceAdd(svc);
        var changed = TestObjects.service();
        changed.getSpec().getPorts().getFirst().setPort(8080);
        feeder.onServiceUpdate(svc, changed);
        assertThat(syncs).hasValue(2);
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(8080);
    }

    @Test
    void aRejectedUpdateKeepsTheLastValidVersion() {
        var svc = TestObjects.service();
        feeder.onServiceAdd(svc);
        var bad = TestObjects.service();
        bad.getSpec().getPorts().get(1).setPort(70000);
        feeder.onServiceUpdate(svc, bad);
        assertThat(syncs).hasValue(1);
        assertThat(state(WEB).service().ports().get(1).port()).isEqualTo(53);
        assertThat(rejections.rejected).containsExactly(new RecordingRejections.Report("Service", "default", "web",
                "spec.ports[1].port: 70000 is out of range 1-65535"));
    }

    @Test
    void aRejectedAddStoresNothing() {
        var bad = TestObjects.service();
        bad.getSpec().setType("Magic");
        feeder.onServiceAdd(bad);
        assertThat(syncs).hasValue(0);
        assertThat(store.serviceCount()).isZero();
        assertThat(rejections.rejected).hasSize(1);
    }

    @Test
    void aServiceThatBecomesHeadlessLosesItsRules() {
        var svc = TestObjects.service();
        feeder.onServiceAdd(svc);
        var headless = TestObjects.service();
        headless.getSpec().setClusterIP("None");
        headless.getSpec().setClusterIPs(List.of("None"));
        feeder.onServiceUpdate(svc, headless);
        assertThat(syncs).hasValue(2);
        assertThat(state(WEB).service()).isNull();
        assertThat(rejections.rejected).isEmpty();
    }

    @Test
    void anIgnoredServiceThatWasNeverStoredRequestsNoSync() {
        var svc = TestObjects.service();
        svc.getSpec().setType("ExternalName");
        feeder.onServiceAdd(svc);
        assertThat(syncs).hasValue(0);
    }

    @Test
    void deletesAService() {
        feeder.onServiceAdd(TestObjects.service());
        feeder.onServiceDelete(TestObjects.service());
        assertThat(syncs).hasValue(2);
        assertThat(store.serviceCount()).isZero();
        feeder.onServiceDelete(TestObjects.service("default", "unknown"));
        assertThat(syncs).hasValue(2);
    }

    @Test
    void reportsWarningsAndStoresTheRest() {
        var svc = TestObjects.service();
        svc.getSpec().setExternalIPs(List.of("192.0.2.7"));
        feeder.onServiceAdd(svc);
        assertThat(state(WEB).service().externalIps()).isEmpty();
        assertThat(rejections.warned).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("Service");
            assertThat(r.text()).contains("192.0.2.7");
        });
    }

    @Test
    void feedsSlicesAndPassesTheTriggerTime() {
        var slice = TestObjects.slice();
        slice.getMetadata().setAnnotations(Map.of(EndpointSliceConverter.TRIGGER_TIME_ANNOTATION, "2026-03-01T10:00:00Z"));
        feeder.onSliceAdd(slice);
        assertThat(syncs).hasValue(1);
        var changes = store.takeChanges();
        assertThat(changes.services().get(WEB).slices()).hasSize(1);
        assertThat(changes.triggerMillis().get(WEB)).isEqualTo(java.time.Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());

        feeder.onSliceUpdate(slice, TestObjects.slice()); // only the annotation differs: no change
        assertThat(syncs).hasValue(1);
        feeder.onSliceDelete(slice);
        assertThat(syncs).hasValue(2);
        assertThat(state(WEB).slices()).isEmpty();
    }

    @Test
    void aSliceThatLosesItsServiceLabelIsRemoved() {
        var slice = TestObjects.slice();
        feeder.onSliceAdd(slice);
        var orphan = TestObjects.slice();
        orphan.getMetadata().setLabels(Map.of());
        feeder.onSliceUpdate(slice, orphan);
        assertThat(syncs).hasValue(2);
        assertThat(state(WEB).slices()).isEmpty();
    }

    @Test
    void aRejectedSliceUpdateKeepsTheLastValidVersion() {
        var slice = TestObjects.slice();
        feeder.onSliceAdd(slice);
        var bad = TestObjects.slice();
        bad.setAddressType("IPX");
        feeder.onSliceUpdate(slice, bad);
        assertThat(syncs).hasValue(1);
        assertThat(state(WEB).slices()).hasSize(1);
        assertThat(rejections.rejected).singleElement().extracting(RecordingRejections.Report::kind)
                .isEqualTo("EndpointSlice");
    }

    @Test
    void keepsOnlyItsOwnNode() {
        feeder.onNodeAdd(TestObjects.node("other"));
        assertThat(syncs).hasValue(0);
        assertThat(store.node()).isEmpty();
        feeder.onNodeAdd(TestObjects.node("me"));
        assertThat(syncs).hasValue(1);
        assertThat(store.node()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("me"));
        var draining = TestObjects.node("me");
        draining.getMetadata().setDeletionTimestamp("2026-03-01T10:00:00Z");
        feeder.onNodeUpdate(TestObjects.node("me"), draining);
        assertThat(syncs).hasValue(2);
        feeder.onNodeDelete(TestObjects.node("other"));
        assertThat(store.node()).isPresent();
        feeder.onNodeDelete(draining);
        assertThat(syncs).hasValue(3);
        assertThat(store.node()).isEmpty();
    }

    @Test
    void feedsEveryNodeToTheClusterTableWhenAsked() {
        AtomicInteger changes = new AtomicInteger();
        var table = new dev.junction.model.NodeTable(changes::incrementAndGet);
        feeder.feedAllNodesTo(table);
        assertThat(feeder.wantsAllNodes()).isTrue();
        feeder.onNodeAdd(TestObjects.node("other"));
        feeder.onNodeAdd(TestObjects.node("me"));
        assertThat(table.snapshot()).extracting(dev.junction.model.Node::name).containsExactly("me", "other");
        assertThat(store.node()).hasValueSatisfying(n -> assertThat(n.name()).isEqualTo("me"));
        feeder.onNodeUpdate(TestObjects.node("other"), TestObjects.node("other"));
        assertThat(changes).as("an unchanged node is no change").hasValue(2);
        feeder.onNodeDelete(TestObjects.node("other"));
        assertThat(table.snapshot()).extracting(dev.junction.model.Node::name).containsExactly("me");
        assertThat(table.hasSynced()).isFalse();
        feeder.onSynced(ClusterStore.Kind.NODES);
        assertThat(table.hasSynced()).isTrue();
    }

    @Test
    void marksAKindSyncedAndRequestsASync() {
        feeder.onSynced(ClusterStore.Kind.SERVICES);
        assertThat(syncs).hasValue(1);
        assertThat(store.allSynced()).isFalse();
        feeder.onSynced(ClusterStore.Kind.ENDPOINT_SLICES);
        feeder.onSynced(ClusterStore.Kind.NODES);
        assertThat(store.allSynced()).isTrue();
    }

    @Test
    void aThrowingSyncRequestNeverEscapes() {
        var throwing = new StoreFeeder(store, ServiceConverter.Options.defaults(), rejections, () -> {
            throw new IllegalStateException("runner is gone");
        });
        assertThatCode(() -> throwing.onServiceAdd(TestObjects.service())).doesNotThrowAnyException();
        assertThatCode(() -> throwing.onSynced(ClusterStore.Kind.NODES)).doesNotThrowAnyException();
        assertThat(rejections.failed).hasSize(2).first().satisfies(r -> {
            assertThat(r.name()).isEqualTo("web");
            assertThat(r.text()).contains("runner is gone");
        });
    }

    @Test
    void aThrowingObjectNeverEscapes() {
        var broken = new io.fabric8.kubernetes.api.model.Service() {
            @Override
            public ServiceSpec getSpec() {
                throw new UnsupportedOperationException("boom");
            }
        };
        broken.setMetadata(TestObjects.service().getMetadata());
        assertThatCode(() -> feeder.onServiceAdd(broken)).doesNotThrowAnyException();
        assertThatCode(() -> feeder.onServiceDelete(null)).doesNotThrowAnyException();
        assertThat(rejections.failed).hasSize(2);
        assertThat(syncs).hasValue(0);
    }

    @Test
    void aThrowingRejectionsImplementationNeverEscapes() {
        Rejections hostile = new Rejections() {
            @Override
            public void rejected(String kind, String namespace, String name, String reason) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void warned(String kind, String namespace, String name, String warning) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void failed(String kind, String namespace, String name, Throwable error) {
                throw new IllegalStateException("metrics down");
            }
        };
        var f = new StoreFeeder(store, ServiceConverter.Options.defaults(), hostile, syncs::incrementAndGet);
        var bad = TestObjects.service();
        bad.getSpec().setType("Magic");
        assertThatCode(() -> f.onServiceAdd(bad)).doesNotThrowAnyException();
    }

    private ServiceState state(ServiceKey key) {
        return store.takeAll().services().getOrDefault(key, new ServiceState(key, null, List.of()));
    }
}
