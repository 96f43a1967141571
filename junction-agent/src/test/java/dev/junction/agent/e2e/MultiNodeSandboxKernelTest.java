package dev.junction.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.agent.sandbox.Exec;
import dev.junction.agent.sandbox.Expectation;
import dev.junction.agent.sandbox.ObjectRef;
import dev.junction.agent.sandbox.Probe;
import dev.junction.agent.sandbox.ProbeResult;
import dev.junction.agent.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three-node example ({@code examples/sandbox-multinode}) end to end, as {@code junction sandbox} runs it:
 * three agents with the service proxy and the router, node3 behind the wire's router (VXLAN), BIRD peering with
 * every node. Then the control plane changes under it: a pod added on node3 and a pod deleted, seen through a
 * ClusterIP probed from node1.
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
}
