package dev.junction.agent.router;

import dev.junction.kube.Rejections;
import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.Node;
import dev.junction.model.NodeTable;
import dev.junction.router.plan.KernelRoutePlan;
import dev.junction.router.plan.LocalSubnet;
import dev.junction.router.plan.RouterFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller against a recording kernel, with a real speaker on a loopback port: peers follow the Node table,
 * bad annotations are reported alone, and a restart (routes of ours already in the kernel) removes nothing while
 * the speaker defers for its peers' End-of-RIB.
 */
@Tag("unit")
class RoutingControllerTest {
    /** Records what the controller asks of the kernel. */
    static final class RecordingKernel implements KernelRouting {
        final List<Boolean> mayDelete = new ArrayList<>();
        boolean ownRoutes;

        public List<LocalSubnet> localSubnets() {
            return List.of(new LocalSubnet(InetAddress.ofLiteral("127.0.0.1"), 8, "lo"));
        }

        public boolean hasOwnRoutes() {
            return ownRoutes;
        }

        public synchronized void apply(KernelRoutePlan.Desired desired, boolean mayDelete, InetAddress tunnelSource) {
            this.mayDelete.add(mayDelete);
        }

        public void close() {
        }
    }

    static final class Problems implements Rejections {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        public void rejected(String kind, String namespace, String name, String reason) {
            seen.add(name + ": " + reason);
        }

        public void warned(String kind, String namespace, String name, String warning) {
        }

        public void failed(String kind, String namespace, String name, Throwable error) {
        }
    }

    private RoutingController controller;

    @AfterEach
    void stop() {
        if (controller != null) controller.close();
    }

    private static Node node(String name, String ip, String cidr, Map<String, String> annotations) {
        return new Node(name, Map.of(), annotations, List.of(Ip.parse(ip).orElseThrow()), List.of(Cidr.of(cidr)), false);
    }

    private static RouterFlags flags() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // a port nobody holds now; the speaker's listener takes it right after
        }
        return RouterFlags.builder().bgpPort(port).gracefulRestartDeferral(Duration.ofSeconds(2)).build();
    }

    private List<String> peers() {
        return controller.speaker().peerNames();
    }

    @Test
    void peersFollowTheNodeTableAndABadAnnotationIsReportedAlone() throws Exception {
        NodeTable nodes = new NodeTable(() -> { });
        RecordingKernel kernel = new RecordingKernel();
        Problems problems = new Problems();
        controller = new RoutingController("self", flags(), nodes, null, kernel, problems, null, () -> { });
        nodes.put(node("self", "127.0.0.1", "10.244.1.0/24", Map.of()));
        nodes.put(node("b", "127.0.0.2", "10.244.2.0/24", Map.of()));
        assertThat(controller.sync()).isTrue();
        assertThat(controller.speaker()).as("nothing before the table has synced").isNull();
        nodes.markSynced();
        controller.sync();
        assertThat(peers()).containsExactly("node/b");

        nodes.put(node("c", "127.0.0.3", "10.244.3.0/24", Map.of("kube-router.io/node.asn", "not-a-number")));
        controller.sync();
        assertThat(peers()).containsExactly("node/b", "node/c");
        assertThat(problems.seen).anySatisfy(p -> assertThat(p).startsWith("c: ").contains("kube-router.io/node.asn"));

        nodes.remove("b");
        controller.sync();
        assertThat(peers()).containsExactly("node/c");
        assertThat(kernel.mayDelete).as("a first start may remove stale routes at once").isNotEmpty().allMatch(d -> d);
    }

    @Test
    void aRestartRemovesNothingWhileTheSpeakerDefers() throws Exception {
        NodeTable nodes = new NodeTable(() -> { });
        RecordingKernel kernel = new RecordingKernel();
        kernel.ownRoutes = true; // routes of protocol 244 from the previous run
        controller = new RoutingController("self", flags(), nodes, null, kernel, new Problems(), null, () -> { });
        nodes.put(node("self", "127.0.0.1", "10.244.1.0/24", Map.of()));
        nodes.put(node("b", "127.0.0.2", "10.244.2.0/24", Map.of()));
        nodes.markSynced();
        controller.sync();
        assertThat(kernel.mayDelete).as("while deferring for b's End-of-RIB").containsOnly(false);
        // b never comes up: the deferral (2 s here) runs out, and then stale routes may go.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!kernel.mayDelete.getLast()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the deferral never ended");
            Thread.sleep(100);
            controller.sync();
        }
    }
}
