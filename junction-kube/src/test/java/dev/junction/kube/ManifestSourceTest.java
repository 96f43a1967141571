package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ClusterStore;
import dev.junction.model.ServiceKey;
import dev.junction.model.ServiceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IP plan: cluster IPs 10.96.0.0/12, pods 10.0.0.0/16. The agent runs on node "me". Tests call rescan(). */
@Tag("unit")
class ManifestSourceTest {
    private static final ServiceKey WEB = new ServiceKey("default", "web");
    private static final ServiceKey DB = new ServiceKey("prod", "db");

    @TempDir
    Path dir;

    private final ClusterStore store = new ClusterStore("me");
    private final RecordingRejections rejections = new RecordingRejections();
    private final AtomicInteger syncs = new AtomicInteger();
    private final StoreFeeder feeder = new StoreFeeder(store, ServiceConverter.Options.defaults(), rejections,
            syncs::incrementAndGet);
    private ManifestSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private static String service(String namespace, String name, String clusterIp, int port) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s%s}
                spec:
                  clusterIP: %s
                  ports: [{name: http, port: %d, protocol: TCP}]
                """.formatted(name, namespace == null ? "" : ", namespace: " + namespace, clusterIp, port);
    }

    private static final String WEB_SLICE = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-1
              labels: {kubernetes.io/service-name: web}
            addressType: IPv4
            ports: [{name: http, port: 8080, protocol: TCP}]
            endpoints:
            - addresses: [10.0.0.1]
              conditions: {ready: true}
            """;

    private static final String NODES = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: me, labels: {topology.kubernetes.io/zone: z1}}
            - apiVersion: v1
              kind: Node
              metadata: {name: other}
            """;

    private ManifestSource source() {
        source = new ManifestSource(dir, feeder, rejections);
        return source;
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    @Test
    void readsEveryManifestAndMarksAllKindsSynced() throws IOException {
        write("web.yaml", service(null, "web", "10.96.0.10", 80) + "---\n" + WEB_SLICE + "---\n");
        write("nodes.yml", NODES);
        write("db.json", """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "namespace": "prod"},
                 "spec": {"clusterIP": "10.96.0.20", "ports": [{"port": 5432}]}}
                """);
        write("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
        write("notes.txt", "not a manifest");
        write(".hidden.yaml", service(null, "hidden", "10.96.0.30", 80));

        assertThat(source().rescan()).isTrue();

        assertThat(store.allSynced()).isTrue();
        assertThat(source.hasSynced()).isTrue();
        assertThat(store.serviceCount()).isEqualTo(2);
        assertThat(state(WEB).slices()).singleElement().satisfies(s -> assertThat(s.endpoints()).hasSize(1));
        assertThat(state(DB).service().ports().getFirst().port()).isEqualTo(5432);
        assertThat(store.node()).hasValueSatisfying(n -> assertThat(n.zone()).isEqualTo("z1"));
        assertThat(syncs.get()).isPositive();
        assertThat(rejections.rejected).isEmpty();
    }

    @Test
    void turnsAnEditIntoAnUpdateAndAnUnchangedFolderIntoNothing() throws IOException {
        write("web.yaml", service(null, "web", "10.96.0.10", 80));
        source().rescan();
        int afterFirstRead = syncs.get();

        source.rescan();
        assertThat(syncs).hasValue(afterFirstRead);

        write("web.yaml", service(null, "web", "10.96.0.10", 81)); // same size, same tick: the hash tells
        source.rescan();
        assertThat(syncs).hasValue(afterFirstRead + 1);
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(81);
    }

    @Test
    void skipsReadingAFileWhoseMtimeAndSizeAreUnchangedOnceItIsOldEnough() throws IOException {
        Path web = dir.resolve("web.yaml");
        write("web.yaml", service(null, "web", "10.96.0.10", 80));
        var old = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(web, old);
        source().rescan();

        write("web.yaml", service(null, "web", "10.96.0.10", 81));
        Files.setLastModifiedTime(web, old); // same size, same mtime: taken as unchanged, not read
        source.rescan();
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(80);

        Files.setLastModifiedTime(web, java.nio.file.attribute.FileTime.fromMillis(old.toMillis() + 1));
        source.rescan();
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(81);
    }

    @Test
    void turnsADeletedFileIntoDeletes() throws IOException {
        write("web.yaml", service(null, "web", "10.96.0.10", 80) + "---\n" + WEB_SLICE);
        source().rescan();
        Files.delete(dir.resolve("web.yaml"));
        source.rescan();
        assertThat(store.serviceCount()).isZero();
        assertThat(state(WEB).slices()).isEmpty();
    }

    @Test
    void keepsTheObjectsOfABrokenFileUntilItIsFixed() throws IOException {
        write("web.yaml", service(null, "web", "10.96.0.10", 80));
        source().rescan();
        int syncsBefore = syncs.get();

        write("web.yaml", "apiVersion: v1\nkind: Service\nspec: [unclosed\n");
        source.rescan();
        source.rescan();
        assertThat(rejections.rejected).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Rejections.MANIFEST);
            assertThat(r.name()).isEqualTo("web.yaml");
            assertThat(r.text()).contains("line");
        });
        assertThat(state(WEB).service()).isNotNull();
        assertThat(syncs).hasValue(syncsBefore);

        write("web.yaml", service(null, "web", "10.96.0.10", 81));
        source.rescan();
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(81);

        write("web.yaml", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"spec\": {\"ports\": [{\"port\": \"x\"}]}}");
        source.rescan();
        assertThat(rejections.rejected).hasSize(2);
        Files.delete(dir.resolve("web.yaml"));
        source.rescan();
        assertThat(store.serviceCount()).isZero();
    }

    @Test
    void appliesAFileAllOrNothing() throws IOException {
        write("two.yaml", service(null, "web", "10.96.0.10", 80) + "---\n"
                + "apiVersion: v1\nkind: Service\nmetadata: {namespace: default}\nspec: {clusterIP: 10.96.0.11}\n");
        source().rescan();
        assertThat(store.serviceCount()).isZero();
        assertThat(rejections.rejected).singleElement().extracting(RecordingRejections.Report::text).asString()
                .contains("a Service has no metadata.name");
        assertThat(store.allSynced()).isTrue(); // the folder was read; the broken file simply has no objects
    }

    @Test
    void anInvalidObjectIsRejectedByTheFeederLikeFromAnInformer() throws IOException {
        write("web.yaml", service(null, "web", "10.96.0.10", 80));
        source().rescan();
        write("web.yaml", service(null, "web", "10.96.0.10", 70000));
        source.rescan();
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(80);
        assertThat(rejections.rejected).singleElement().extracting(RecordingRejections.Report::kind)
                .isEqualTo(Rejections.SERVICE);
    }

    @Test
    void movingAnObjectToAnotherFileIsNoDeleteAndAdd() throws IOException {
        write("a.yaml", service(null, "web", "10.96.0.10", 80) + "---\n" + service("prod", "db", "10.96.0.20", 5432));
        source().rescan();
        int syncsBefore = syncs.get();

        write("b.yaml", service(null, "web", "10.96.0.10", 80));
        write("a.yaml", service("prod", "db", "10.96.0.20", 5432));
        source.rescan();

        assertThat(syncs).hasValue(syncsBefore); // the store never saw web go away
        assertThat(state(WEB).service()).isNotNull();
        assertThat(rejections.warned).isEmpty();
    }

    @Test
    void theFirstFileWinsAnObjectDefinedTwice() throws IOException {
        write("a.yaml", service(null, "web", "10.96.0.10", 80));
        write("b.yaml", service(null, "web", "10.96.0.10", 90));
        source().rescan();
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(80);
        assertThat(rejections.warned).singleElement().extracting(RecordingRejections.Report::text).asString()
                .contains("a.yaml").contains("b.yaml");
        Files.delete(dir.resolve("a.yaml"));
        source.rescan();
        assertThat(state(WEB).service().ports().getFirst().port()).isEqualTo(90);
    }

    @Test
    void readsListKindsAndNestedMultiDocumentFiles() throws IOException {
        write("all.yaml", """
                apiVersion: v1
                kind: ServiceList
                items:
                - apiVersion: v1
                  kind: Service
                  metadata: {name: web}
                  spec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}
                ---
                # an empty document
                ---
                """ + service("prod", "db", "10.96.0.20", 5432));
        source().rescan();
        assertThat(store.serviceCount()).isEqualTo(2);
    }

    @Test
    void anUnreadableFolderChangesNothingAndIsReportedOnce() throws IOException {
        Path missing = dir.resolve("missing");
        source = new ManifestSource(missing, feeder, rejections);
        assertThat(source.rescan()).isFalse();
        assertThat(source.rescan()).isFalse();
        assertThat(store.allSynced()).isFalse();
        assertThat(rejections.rejected).singleElement().extracting(RecordingRejections.Report::kind)
                .isEqualTo(Rejections.MANIFEST);

        Files.createDirectory(missing);
        Files.writeString(missing.resolve("web.yaml"), service(null, "web", "10.96.0.10", 80));
        assertThat(source.rescan()).isTrue();
        assertThat(store.allSynced()).isTrue();

        Files.delete(missing.resolve("web.yaml"));
        Files.delete(missing);
        source.rescan();
        assertThat(store.serviceCount()).isEqualTo(1); // a vanished mount deletes nothing
    }

    @Test
    void startReadsTheFolderBeforeReturning() throws IOException {
        write("web.yaml", service(null, "web", "10.96.0.10", 80));
        source = new ManifestSource(dir, feeder, rejections, java.time.Duration.ofMinutes(10));
        source.start();
        assertThat(store.allSynced()).isTrue();
        assertThat(store.serviceCount()).isEqualTo(1);
        source.close();
    }

    @Test
    void anEmptyFolderStillSyncs() {
        source().rescan();
        assertThat(store.allSynced()).isTrue();
        assertThat(syncs).hasValue(ClusterStore.Kind.values().length);
        assertThat(List.of(rejections.rejected, rejections.warned, rejections.failed)).allMatch(List::isEmpty);
    }

    private ServiceState state(ServiceKey key) {
        return store.takeAll().services().getOrDefault(key, new ServiceState(key, null, List.of()));
    }
}
