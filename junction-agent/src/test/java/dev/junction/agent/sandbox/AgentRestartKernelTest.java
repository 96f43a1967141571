package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent in a sandbox (root only): it follows endpoint changes, and a kill -9 neither interrupts
 * established service traffic nor new connections, because the rules stay in the kernel; a restarted agent
 * becomes healthy again. Pods: t/client 10.244.0.2, t/web-1 .3, t/web-2 .4; Service t/web 10.96.0.10:80.
 */
@Tag("kernel")
class AgentRestartKernelTest {

    private static final Probe BOTH = Probe.of("both", "t/client", "service t/web:80/tcp",
            new Expectation.Backends(List.of("t/web-1", "t/web-2")));
    private static final Probe ONLY_1 = Probe.of("only web-1", "t/client", "service t/web:80/tcp",
            new Expectation.Backends(List.of("t/web-1"))).withTries(10);

    @Test
    void survivesKill9AndFollowsEndpointChanges(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "needs root");
        StringBuilder yaml = new StringBuilder();
        for (String pod : List.of("client", "web-1", "web-2")) {
            yaml.append("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: %s, namespace: t, labels: {app: %s}}
                    spec:
                      containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]
                    ---
                    """.formatted(pod, pod.startsWith("web") ? "web" : pod));
        }
        yaml.append("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: t}
                spec: {clusterIP: 10.96.0.10, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
                """);
        Files.writeString(dir.resolve("cluster.yaml"), yaml);

        try (Sandbox sandbox = Sandbox.start(dir, List.of())) {
            assertThat(sandbox.awaitProbe(BOTH, Duration.ofSeconds(10)).passed()).as(sandbox.agentLogTail(20))
                    .isTrue();

            TrafficLoop.Stats stats;
            try (TrafficLoop traffic = sandbox.startTraffic("t/client", "service t/web:80/tcp",
                    Duration.ofMillis(20))) {
                Thread.sleep(300);
                sandbox.killAgent9();
                assertThat(sandbox.agentAlive()).isFalse();
                Thread.sleep(700);
                sandbox.startAgent();
                Thread.sleep(300);
                stats = traffic.stop();
            }
            assertThat(stats.answered()).isGreaterThan(20);
            assertThat(stats.failed()).as("failed connections around kill -9: %s", stats.errors()).isZero();

            sandbox.deletePod("t/web-2");
            assertThat(sandbox.awaitProbe(ONLY_1, Duration.ofSeconds(10)).passed()).as(sandbox.agentLogTail(20))
                    .isTrue();
            assertThat(sandbox.agentLog()).exists();
        }
    }
}
