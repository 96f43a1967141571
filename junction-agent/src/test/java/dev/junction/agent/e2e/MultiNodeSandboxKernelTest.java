package dev.junction.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.agent.sandbox.Exec;
import dev.junction.agent.sandbox.Expectation;
import dev.junction.agent.sandbox.ObjectRef;
import dev.junction.agent.sandbox.Probe;
import dev.junction.agent.sandbox.ProbeResult;
import dev.junction.agent.sandbox.Sandbox;
import dev.junction.agent.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-node example ({@code examples/sandbox-multinode}) end to end, as {@code junction sandbox} runs it:
 * three agents with the service proxy and the router, node3 behind the wire's router (VXLAN), BIRD peering with
 * every node. Then the control plane changes under it: a pod added on node3 and a pod deleted, seen through a
 * ClusterIP probed from node1. And the harness alone, without agents: what the topology gives before any router.
 */
@Tag("kernel")
class MultiNodeSandboxKernelTest {

    @BeforeAll
    static void root() {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
    }

    @Test
    @Timeout(120)
    void theThreeNodeExamplePassesEveryProbeAndFollowsPodChanges() throws Exception {
        List<String> namespaces;
        try (Sandbox sandbox = Sandbox.start(Path.of("../examples/sandbox-multinode"), List.of())) {
            namespaces = sandbox.namespaces();
            List<ProbeResult> results = sandbox.runProbes();
            assertThat(results).hasSizeGreaterThanOrEqualTo(18);
            assertThat(results).allSatisfy(r -> assertThat(r.passed()).as("%s: saw %s\n%s", r.probe().name(),
                    r.seen(), sandbox.agentLogTail(10)).isTrue());

            // same subnet: a direct route; node3 (subnet B): through the overlay
            String routes = sandbox.exec("node node1", "ip", "route", "show", "proto", "244").check().stdout();
            assertThat(routes).contains("10.244.2.0/24 via 192.168.10.2 dev eth0")
                    .contains("10.244.3.0/24 via 192.168.20.3 dev junction-vxlan");

            sandbox.applyManifest("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web-4, namespace: demo, labels: {app: web, not-on-node1: "yes"}}
                    spec:
                      nodeName: node3
                      containers: [{name: c, image: sandbox, ports: [{containerPort: 8080}]}]
                    """);
            assertThat(sandbox.cluster().podIp(ObjectRef.parse("demo/web-4")))
                    .as("an address of node3's pod CIDR").startsWith("10.244.3.");
            Probe withWeb4 = Probe.of("with web-4", "demo/client-1", "service demo/away-from-1:80/tcp",
                    new Expectation.Backends(List.of("demo/web-2", "demo/web-3", "demo/web-4"))).withTries(40);
            assertThat(sandbox.awaitProbe(withWeb4, Duration.ofSeconds(10)).passed())
                    .as(sandbox.agentLogTail(10)).isTrue();

            sandbox.deletePod("demo/web-3");
            Probe withoutWeb3 = Probe.of("without web-3", "demo/client-1", "service demo/away-from-1:80/tcp",
                    new Expectation.Backends(List.of("demo/web-2", "demo/web-4")));
            assertThat(sandbox.awaitProbe(withoutWeb3, Duration.ofSeconds(10)).passed())
                    .as(sandbox.agentLogTail(10)).isTrue();
            assertThat(sandbox.agentAlive()).isTrue();
        }
        List<String> live = Exec.run(List.of("ip", "netns", "list")).stdout().lines()
                .map(l -> l.split(" ")[0]).toList();
        assertThat(live).doesNotContainAnyElementsOf(namespaces);
    }

    @Test
    @Timeout(60)
    void withoutAgentsOnlyTheWireConnectsTheNodes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pods.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: t}
                spec: {nodeName: n1, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: b, namespace: t}
                spec: {nodeName: n1, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: c, namespace: t}
                spec: {nodeName: n2, containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: h, namespace: t}
                spec: {nodeName: n2, hostNetwork: true, containers: [{name: c, image: x, ports: [{containerPort: 9100}]}]}
                """);
        Files.writeString(dir.resolve("probes.yaml"), """
                nodes: [{name: n1, subnet: A}, {name: n2, subnet: B}]
                probes:
                  - {name: same node, from: t/a, to: "pod t/b:8080", expect: {backends: [t/b]}, tries: 3, sourceIp: preserved}
                  - {name: node to own pod, from: node n2, to: "pod t/c:8080", expect: allow}
                  - {name: node to node through the wire, from: node n1, to: "ip 192.168.20.2:9100", expect: {backends: [t/h]}, tries: 3}
                  - {name: external to node, from: external, to: "ip 192.168.20.2:9100", expect: allow}
                  - {name: no pod route without the router, from: t/a, to: "pod t/c:8080", expect: deny, tries: 1}
                  - {name: no pod route at the wire, from: external, to: "pod t/a:8080", expect: deny, tries: 1}
                """);
        try (Sandbox sandbox = Sandbox.start(dir, SandboxOptions.withoutAgent())) {
            String prefix = sandbox.namespaces().getFirst().replace("-wire", ""); // js<pid>, s<n> for later ones
            assertThat(prefix).startsWith("js" + ProcessHandle.current().pid());
            assertThat(sandbox.namespaces()).contains(prefix + "-wire", prefix + "-n1", prefix + "-n2",
                    prefix + "-n1p2", prefix + "-n1p3", prefix + "-n2p2");
            assertThat(sandbox.cluster().podIp(ObjectRef.parse("t/c"))).isEqualTo("10.244.2.2");
            assertThat(sandbox.cluster().podIp(ObjectRef.parse("t/h"))).isEqualTo("192.168.20.2");
            assertThat(sandbox.runProbes()).allSatisfy(r -> assertThat(r.passed())
                    .as("%s: saw %s", r.probe().name(), r.seen()).isTrue());
        }
    }
}
