package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox harness without the agent, in real network namespaces (root only): topology, pod servers, the
 * probe client, runtime pod changes and cleanup. Address plan: pods 10.244.0.2 (t/a), .3 (t/b), hostNetwork pod
 * on the node IP 192.168.77.2, external host 192.168.77.1.
 */
@Tag("kernel")
class SandboxKernelTest {

    @TempDir
    static Path scenario;

    @BeforeAll
    static void writeScenario() throws IOException {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        Files.writeString(scenario.resolve("pods.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: t}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: t, labels: {app: x}}
                spec:
                  containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: b, namespace: t, labels: {app: x}}
                spec:
                  containers: [{name: c, image: x, ports: [{containerPort: 8080}, {containerPort: 5353, protocol: UDP}]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: host, namespace: t}
                spec:
                  hostNetwork: true
                  containers: [{name: c, image: x, ports: [{containerPort: 9100}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: t}
                spec: {clusterIP: 10.96.0.10, selector: {app: x}, ports: [{port: 80, targetPort: 8080}]}
                """);
        Files.writeString(scenario.resolve("probes.yaml"), """
                probes:
                  - {name: pod to pod, from: t/a, to: "pod t/b:8080/tcp", expect: {backends: [t/b]}, tries: 5,
                     sourceIp: preserved}
                  - {name: pod to pod udp, from: t/a, to: "pod t/b:5353/udp", expect: {backends: [t/b]}, tries: 5}
                  - {name: node to pod, from: node, to: "pod t/a:8080/tcp", expect: allow}
                  - {name: external to node IP, from: external, to: "ip 192.168.77.2:9100/tcp",
                     expect: {backends: [t/host]}, sourceIp: preserved}
                  - {name: hostNetwork pod to pod, from: t/host, to: "pod t/a:8080", expect: allow}
                  - {name: closed port refused, from: t/a, to: "pod t/b:9999/tcp", expect: deny}
                  - {name: no route from external to pods, from: external, to: "pod t/a:8080/tcp", expect: deny, tries: 1}
                  - {name: clusterIP without agent, from: t/a, to: "service t/web:80/tcp", expect: deny, tries: 1}
                """);
    }

    @Test
    void buildsTheTopologyRunsProbesAndDeletesEverything() throws Exception {
        List<String> namespaces;
        String prefix;
        try (Sandbox sandbox = Sandbox.start(scenario, SandboxOptions.withoutAgent())) {
            namespaces = sandbox.namespaces();
            prefix = namespaces.getFirst().replace("-node", "");
            assertThat(namespaces).hasSize(4).allMatch(n -> n.startsWith(prefix + "-"));
            assertThat(liveNamespaces()).containsAll(namespaces);

            List<ProbeResult> results = sandbox.runProbes();
            assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.probe().name() + ": " + r.seen()
                    + " " + r.detail()).isTrue());
            assertThat(results.getFirst().seenIps()).containsExactly("10.244.0.2");

            assertThat(sandbox.exec("node", "sysctl", "-n", "net.bridge.bridge-nf-call-iptables").stdout().trim())
                    .isEqualTo("1");
            assertThat(sandbox.manifestsDir().resolve("pod_t_a.yaml")).content().contains("podIP: \"10.244.0.2\"");
            assertThat(sandbox.manifestsDir().resolve("endpointslice_t_web-" + sliceSuffix(sandbox) + ".yaml"))
                    .exists();

            addAndDeleteAPod(sandbox);
            trafficLoopCountsAnswers(sandbox);
        }
        assertThat(liveNamespaces()).noneMatch(n -> n.startsWith(prefix + "-"));
    }

    private static void addAndDeleteAPod(Sandbox sandbox) throws IOException {
        sandbox.addPod(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: c, namespace: t, labels: {app: x}}
                spec:
                  containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
                """, Pod.class));
        assertThat(sandbox.cluster().podIp(ObjectRef.parse("t/c"))).isEqualTo("10.244.0.4");
        assertThat(sandbox.probe(Probe.of("to c", "t/a", "pod t/c:8080", new Expectation.Allow())).passed())
                .isTrue();
        assertThat(sandbox.manifestsDir().resolve("pod_t_c.yaml")).exists();
        String cNamespace = sandbox.namespaces().getLast();

        sandbox.setPodCondition("t/c", false, false, false);
        assertThat(sandbox.manifestsDir().resolve("endpointslice_t_web-" + sliceSuffix(sandbox) + ".yaml"))
                .content().contains("ready: false");

        sandbox.deletePod("t/c");
        assertThat(sandbox.manifestsDir().resolve("pod_t_c.yaml")).doesNotExist();
        assertThat(liveNamespaces()).doesNotContain(cNamespace);
        assertThat(sandbox.probe(Probe.of("c gone", "t/a", "ip 10.244.0.4:8080", new Expectation.Deny())
                .withTries(1)).passed()).isTrue();
    }

    private static void trafficLoopCountsAnswers(Sandbox sandbox) throws InterruptedException {
        try (TrafficLoop loop = sandbox.startTraffic("t/a", "pod t/b:8080/tcp", Duration.ofMillis(20))) {
            Thread.sleep(600);
            TrafficLoop.Stats stats = loop.stop();
            assertThat(stats.answered()).isGreaterThan(5);
            assertThat(stats.failed()).isZero();
            assertThat(stats.answers()).containsOnlyKeys("t/b");
        }
    }

    private static String sliceSuffix(Sandbox sandbox) throws IOException {
        try (var files = Files.list(sandbox.manifestsDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("endpointslice_t_web-"))
                    .findFirst().orElseThrow().replace("endpointslice_t_web-", "").replace(".yaml", "");
        }
    }

    private static List<String> liveNamespaces() {
        return Exec.run(List.of("ip", "netns", "list")).stdout().lines()
                .map(l -> l.split("\\s+")[0]).toList();
    }
}
