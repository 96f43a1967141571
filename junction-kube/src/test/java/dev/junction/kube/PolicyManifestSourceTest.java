package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.ClusterStore;
import dev.junction.model.Ip;
import dev.junction.model.policy.PolicyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pods, Namespaces and NetworkPolicies from a folder. IP plan: pods 10.0.0.0/16. Tests call rescan(). */
@Tag("unit")
class PolicyManifestSourceTest {
    @TempDir
    Path dir;

    private final ClusterStore clusterStore = new ClusterStore("me");
    private final PolicyStore store = new PolicyStore();
    private final RecordingRejections rejections = new RecordingRejections();
    private final AtomicInteger syncs = new AtomicInteger();
    private final StoreFeeder services = new StoreFeeder(clusterStore, ServiceConverter.Options.defaults(), rejections,
            syncs::incrementAndGet);
    private final PolicyFeeder policies = new PolicyFeeder(store, rejections, syncs::incrementAndGet);
    private ManifestSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private static String pod(String name, String ip, String app) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, labels: {app: %s}}
                spec:
                  nodeName: n1
                  containers: [{name: main, image: x, ports: [{name: http, containerPort: 8080}]}]
                status: {phase: Running, podIPs: [{ip: %s}]}
                """.formatted(name, app, ip);
    }

    private static final String NAMESPACES = """
            apiVersion: v1
            kind: NamespaceList
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: default}}
            - {apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {env: prod}}}
            """;

    private static String policy(String except) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-web}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {env: prod}}
                    - ipBlock: {cidr: 192.0.2.0/24, except: [%s]}
                    ports: [{port: http}, {port: 8000, endPort: 8100, protocol: UDP}]
                """.formatted(except);
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    private ManifestSource source() {
        source = new ManifestSource(dir, services, policies, rejections, ManifestSource.DEFAULT_POLL_INTERVAL);
        return source;
    }

    @Test
    void readsPodsNamespacesAndPoliciesAndMarksEveryKindSynced() throws IOException {
        write("pods.yaml", pod("web", "10.0.0.1", "web") + "---\n" + pod("client", "10.0.0.2", "client"));
        write("namespaces.yaml", NAMESPACES);
        write("policy.yaml", policy("192.0.2.128/25"));
        write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                + "spec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}\n");

        assertThat(source().rescan()).isTrue();

        assertThat(store.allSynced()).isTrue();
        assertThat(clusterStore.allSynced()).isTrue();
        var s = store.snapshot();
        assertThat(s.pods()).containsOnlyKeys("default/client", "default/web");
        assertThat(s.pods().get("default/web").ips()).containsExactly(Ip.of("10.0.0.1"));
        assertThat(s.namespaces().get("prod").labels()).containsEntry("env", "prod")
                .containsEntry(NamespaceConverter.NAME_LABEL, "prod");
        assertThat(s.policies().get("default/allow-web").ingressRules().getFirst().ports()).hasSize(2);
        assertThat(clusterStore.serviceCount()).isEqualTo(1);
        assertThat(rejections.rejected).isEmpty();
    }

    @Test
    void turnsEditsAndDeletesIntoEvents() throws IOException {
        write("pods.yaml", pod("web", "10.0.0.1", "web"));
        write("policy.yaml", policy("192.0.2.128/25"));
        source().rescan();
        int before = syncs.get();

        write("pods.yaml", pod("web", "10.0.0.1", "api"));
        source.rescan();
        assertThat(syncs).hasValue(before + 1);
        assertThat(store.snapshot().pods().get("default/web").labels()).containsEntry("app", "api");

        write("policy.yaml", policy("10.0.0.0/8")); // invalid: the last valid version stays
        source.rescan();
        assertThat(rejections.rejected).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Rejections.NETWORK_POLICY);
            assertThat(r.text()).isEqualTo("spec.ingress[0].from[1].ipBlock.except[0]: 10.0.0.0/8 is not inside 192.0.2.0/24");
        });
        assertThat(store.policyCount()).isEqualTo(1);

        Files.delete(dir.resolve("pods.yaml"));
        Files.delete(dir.resolve("policy.yaml"));
        source.rescan();
        assertThat(store.podCount()).isZero();
        assertThat(store.policyCount()).isZero();
    }

    @Test
    void aFileIsStillAllOrNothingForTheNewKinds() throws IOException {
        write("pods.yaml", pod("web", "10.0.0.1", "web") + "---\napiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n");
        source().rescan();
        assertThat(store.podCount()).isZero();
        assertThat(rejections.rejected).singleElement().extracting(RecordingRejections.Report::text).asString()
                .contains("a Pod has no metadata.name");
    }

    @Test
    void withoutAPolicyFeederTheNewKindsAreSkippedAsBefore() throws IOException {
        // A nameless Pod would make the file invalid if Pods were read; the proxy-only source must not care.
        write("mixed.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n---\n" + NAMESPACES + "---\n"
                + "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}\n");
        source = new ManifestSource(dir, services, rejections);
        source.rescan();
        assertThat(clusterStore.serviceCount()).isEqualTo(1);
        assertThat(store.allSynced()).isFalse();
        assertThat(rejections.rejected).isEmpty();
    }

    @Test
    void aFirewallOnlySourceReadsNoServices() throws IOException {
        write("all.yaml", NAMESPACES + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                + "spec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}\n");
        source = new ManifestSource(dir, null, policies, rejections, Duration.ofMinutes(10));
        source.start();
        assertThat(store.allSynced()).isTrue();
        assertThat(store.namespaceCount()).isEqualTo(2);
        assertThat(clusterStore.allSynced()).isFalse();
        assertThat(clusterStore.serviceCount()).isZero();
        assertThat(syncs.get()).isEqualTo(2 + PolicyStore.Kind.values().length);
    }

    @Test
    void needsAtLeastOneFeeder() {
        assertThatThrownBy(() -> new ManifestSource(dir, null, null, rejections, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
