package dev.junction.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.agent.sandbox.Exec;
import dev.junction.agent.sandbox.Expectation;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The service proxy end to end with real packets (root): the real agent programs a sandbox node and traffic
 * between its namespaces shows what users would see. Pods t/client, t/web-1, t/web-2, t/web-3 (10.244.0.2..5,
 * TCP 8080 and UDP 5353); Service t/web 10.96.0.10 (80/TCP, 53/UDP).
 */
@Tag("kernel")
class ServiceProxyKernelTest {
    private static final Probe ALL_THREE = Probe.of("all three", "t/client", "service t/web:80/tcp",
            new Expectation.Backends(List.of("t/web-1", "t/web-2", "t/web-3")));

    @BeforeAll
    static void root() {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
    }

    @Test
    void theExampleScenarioPassesEveryProbe() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Path.of("../examples/sandbox"), List.of())) {
            List<ProbeResult> results = sandbox.runProbes();
            assertThat(results).isNotEmpty();
            assertThat(results).allSatisfy(r -> assertThat(r.passed()).as("%s: saw %s\n%s", r.probe().name(), r.seen(),
                    sandbox.agentLogTail(15)).isTrue());
        }
    }

    @Test
    void anEndpointThatStopsBeingReadyGetsNoNewConnectionsAndComesBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), Scenarios.webWithThreePods());
        try (Sandbox sandbox = Sandbox.start(dir, List.of())) {
            assertThat(sandbox.awaitProbe(ALL_THREE, Duration.ofSeconds(10)).passed()).isTrue();
            sandbox.setPodCondition("t/web-2", false, false, false);
            Probe two = Probe.of("without web-2", "t/client", "service t/web:80/tcp",
                    new Expectation.Backends(List.of("t/web-1", "t/web-3"))).withTries(40);
            assertThat(sandbox.awaitProbe(two, Duration.ofSeconds(10)).passed()).as(sandbox.agentLogTail(10)).isTrue();
            sandbox.setPodCondition("t/web-2", true, true, false);
            assertThat(sandbox.awaitProbe(ALL_THREE, Duration.ofSeconds(10)).passed()).isTrue();
        }
    }

    @Test
    void aServiceLosingItsLastEndpointRejectsAndOneGainingItsFirstAnswers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), Scenarios.webWithThreePods());
        try (Sandbox sandbox = Sandbox.start(dir, List.of())) {
            assertThat(sandbox.awaitProbe(ALL_THREE, Duration.ofSeconds(10)).passed()).isTrue();
            for (String pod : List.of("t/web-1", "t/web-2", "t/web-3")) {
                sandbox.setPodCondition(pod, false, false, false);
            }
            Probe refused = Probe.of("refused", "t/client", "service t/web:80/tcp", new Expectation.Deny());
            ProbeResult r = sandbox.awaitProbe(refused, Duration.ofSeconds(10));
            assertThat(r.passed()).isTrue();
            assertThat(r.errors()).containsOnlyKeys("refused"); // REJECT, not a silent drop
            sandbox.setPodCondition("t/web-3", true, true, false);
            Probe one = Probe.of("web-3", "t/client", "service t/web:80/tcp", new Expectation.Backends(List.of("t/web-3")));
            assertThat(sandbox.awaitProbe(one, Duration.ofSeconds(10)).passed()).isTrue();
        }
    }

    @Test
    void udpFlowsOfARemovedEndpointMoveToAnotherOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), Scenarios.webWithThreePods());
        try (Sandbox sandbox = Sandbox.start(dir, List.of())) {
            Probe udp = Probe.of("udp", "t/client", "service t/web:53/udp",
                    new Expectation.Backends(List.of("t/web-1", "t/web-2", "t/web-3")));
            assertThat(sandbox.awaitProbe(udp, Duration.ofSeconds(10)).passed()).isTrue();
            // One UDP flow (fixed source port), as a DNS client keeps: its conntrack entry pins one endpoint.
            String first = sameFlow(sandbox, 3).get(0);
            assertThat(first).startsWith("t/web-");
            sandbox.deletePod(first);
            List<String> others = new java.util.ArrayList<>(List.of("t/web-1", "t/web-2", "t/web-3"));
            others.remove(first);
            Probe moved = Probe.of("moved", "t/client", "service t/web:53/udp", new Expectation.Backends(others)).withTries(20);
            assertThat(sandbox.awaitProbe(moved, Duration.ofSeconds(10)).passed()).isTrue();
            List<String> after = sameFlow(sandbox, 3);
            assertThat(after).as("the same flow after its endpoint went away").allMatch(others::contains);
        }
    }

    @Test
    void aForeignTableInTheNodeNamespaceIsLeftUntouched(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), Scenarios.webWithThreePods());
        try (Sandbox sandbox = Sandbox.start(dir, SandboxOptions.withoutAgent())) {
            String foreign = """
                    table ip other {
                        set keep { type ipv4_addr; elements = { 10.96.0.10, 192.0.2.1 }; }
                        chain input { type filter hook input priority 0; policy accept; ip saddr @keep counter; }
                        chain services { counter; }
                    }
                    """;
            Exec.run(List.of("ip", "netns", "exec", nodeNamespace(sandbox), "nft", "-f", "-"), foreign, Duration.ofSeconds(5)).check();
            String before = listForeign(sandbox);
            sandbox.startAgent();
            assertThat(sandbox.awaitProbe(ALL_THREE, Duration.ofSeconds(10)).passed()).isTrue();
            sandbox.killAgent9();
            sandbox.startAgent();
            assertThat(sandbox.awaitProbe(ALL_THREE, Duration.ofSeconds(10)).passed()).isTrue();
            assertThat(listForeign(sandbox)).isEqualTo(before);
        }
    }

    private static String nodeNamespace(Sandbox sandbox) {
        return sandbox.namespaces().stream().filter(n -> n.endsWith("-node")).findFirst().orElseThrow();
    }

    private static String listForeign(Sandbox sandbox) {
        return Exec.run(List.of("ip", "netns", "exec", nodeNamespace(sandbox), "nft", "list", "table", "ip", "other"))
                .check().stdout().replaceAll("packets \\d+ bytes \\d+", "");
    }

    /** Sends {@code n} datagrams from one fixed source port and returns who answered each. */
    private static List<String> sameFlow(Sandbox sandbox, int n) {
        String script = """
                import socket,sys
                s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)
                s.bind(("0.0.0.0",41234)); s.settimeout(1.0)
                for i in range(%d):
                    s.sendto(b"q",("10.96.0.10",53))
                    try: print(s.recvfrom(100)[0].decode().strip())
                    except Exception: print("ERR")
                """.formatted(n);
        Exec.Result r = sandbox.exec("t/client", "/usr/bin/python3", "-c", script);
        return List.of(r.stdout().strip().split("\n"));
    }
}
