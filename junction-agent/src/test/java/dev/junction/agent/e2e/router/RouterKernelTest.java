package dev.junction.agent.e2e.router;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three nodes, each with its real agent running the router only (see {@link RouterLab}): node1 and node2 share a
 * subnet and route to each other directly; node3 is behind a router and is reached through VXLAN. Real packets
 * between pods prove each step.
 */
@Tag("kernel")
class RouterKernelTest {
    private static void await(String what, int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(200);
        }
    }

    private static String line(String routes, String prefix) {
        return routes.lines().filter(l -> l.startsWith(prefix + " ")).findFirst().orElse("(no route to " + prefix + ")");
    }

    private static boolean allPairsReach(RouterLab lab) throws Exception {
        for (int a = 1; a <= 3; a++) {
            for (int b = 1; b <= 3; b++) if (a != b && !lab.reaches(a, b)) return false;
        }
        return true;
    }

    private static final String PASSWORD = "rtr-md5-s3cret";

    /** A node whose router annotations are all wrong; it has no agent, so its peering never comes up either. */
    private static final String BROKEN_NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: node4
              annotations:
                kube-router.io/node.bgp.communities: "not-a-community"
                kube-router.io/peers: "- remoteip: 192.168.10.300\\n  remoteasn: sixty"
            spec:
              podCIDRs: ["10.244.4.0/24"]
            status:
              addresses:
              - {type: InternalIP, address: 192.168.10.4}
            ---
            """;

    /** Three ClusterIP services: one announced by every node, one only where its endpoint runs, one never. */
    private static final String SERVICES = """
            apiVersion: v1
            kind: Service
            metadata: {name: everywhere, namespace: default}
            spec: {clusterIP: 10.96.0.10, ports: [{port: 80, targetPort: 8080}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: local-only, namespace: default}
            spec: {clusterIP: 10.96.0.11, internalTrafficPolicy: Local, ports: [{port: 80, targetPort: 8080}]}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: local-only-1, namespace: default, labels: {kubernetes.io/service-name: local-only}}
            addressType: IPv4
            ports: [{port: 8080, protocol: TCP}]
            endpoints: [{addresses: [10.244.2.10], conditions: {ready: true}, nodeName: node2}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: never, namespace: default, annotations: {kube-router.io/service.advertise.clusterip: "false"}}
            spec: {clusterIP: 10.96.0.12, ports: [{port: 80, targetPort: 8080}]}
            """;

    @Test
    @Timeout(240)
    void podsReachPodsOnEveryNodeAndTheMeshFollowsTheApi() throws Exception {
        assumeTrue("0".equals(RouterLab.run("id", "-u").trim()), "the router's kernel test needs root (network namespaces)");
        try (RouterLab lab = new RouterLab()) {
            try {
                lab.create();
                lab.writeNodes(List.of(1, 2, 3), BROKEN_NODE);
                lab.writeManifest("services.yaml", SERVICES);
                java.nio.file.Path bird = lab.startBird(PASSWORD);
                List<String> external = List.of("--peer-router-ips", "192.168.10.254", "--peer-router-asns", "64999",
                        "--peer-router-passwords", java.util.Base64.getEncoder().encodeToString(PASSWORD.getBytes()), "--advertise-cluster-ip");
                lab.startOutsideServer();
                lab.startEchoServer(2);
                java.nio.file.Path cniFile = lab.dir.resolve("cni").resolve("10-kuberouter.conflist");
                List<String> withCni = new java.util.ArrayList<>(external);
                withCni.addAll(List.of("--enable-cni", "--cni-conf-file", cniFile.toString()));
                lab.startAgent(1, withCni);
                for (int i = 2; i <= 3; i++) lab.startAgent(i, external);

                await("pod routes on every node", 60, () -> lab.routes(1).contains("10.244.2.0/24") && lab.routes(1).contains("10.244.3.0/24")
                        && lab.routes(2).contains("10.244.1.0/24") && lab.routes(2).contains("10.244.3.0/24")
                        && lab.routes(3).contains("10.244.1.0/24") && lab.routes(3).contains("10.244.2.0/24"));
                // Same subnet: a direct next hop. Other subnet: the VXLAN device, next hop the node's own address.
                assertThat(line(lab.routes(1), "10.244.2.0/24")).startsWith("10.244.2.0/24 via 192.168.10.2 dev eth0").doesNotContain("onlink");
                assertThat(line(lab.routes(1), "10.244.3.0/24")).startsWith("10.244.3.0/24 via 192.168.20.3 dev junction-vxlan").contains("onlink");
                assertThat(line(lab.routes(3), "10.244.1.0/24")).startsWith("10.244.1.0/24 via 192.168.10.1 dev junction-vxlan").contains("onlink");
                await("every pod reaches every other pod", 20, () -> allPairsReach(lab));

                // The external router (eBGP over TCP-MD5) learns every pod CIDR and the VIPs meant for it, and nothing else:
                // 10.96.0.10 from every node, 10.96.0.11 (internalTrafficPolicy Local) only from node2 where its endpoint
                // runs, 10.96.0.12 never (its annotation says false).
                java.util.Set<String> expected = java.util.Set.of("10.244.1.0/24", "10.244.2.0/24", "10.244.3.0/24", "10.96.0.10/32",
                        "10.96.0.11/32", "192.168.10.0/24", "192.168.20.0/24");
                await("BIRD learns the pod CIDRs and the VIPs", 30, () -> lab.birdPrefixes(bird).equals(expected));
                String vip11 = RouterLab.run("birdc", "-s", bird.toString(), "show", "route", "10.96.0.11/32", "all");
                assertThat(vip11).contains("node2").doesNotContain("[node1").doesNotContain("[node3");
                String vip10 = RouterLab.run("birdc", "-s", bird.toString(), "show", "route", "10.96.0.10/32", "all");
                assertThat(vip10).contains("[node1", "[node2", "[node3");
                // An annotation changed at run time is read at once (kube-router reads most only at start, its issue 676):
                // node1's routes to external peers now carry the community.
                lab.writeNodes(List.of(1, 2, 3), BROKEN_NODE, java.util.Map.of(1, "kube-router.io/node.bgp.communities: \"64512:100\""));
                await("BIRD sees node1's new community", 20, () -> RouterLab.run("birdc", "-s", bird.toString(), "show", "route",
                        "10.244.1.0/24", "all").contains("(64512,100)"));
                assertThat(allPairsReach(lab)).as("and no session was reset for it").isTrue();

                // node4's annotations do not parse: each is rejected alone (logged, counted), the rest of the mesh is untouched.
                assertThat(lab.agentLog(1)).contains("node4", "kube-router.io/node.bgp.communities", "kube-router.io/peers");
                for (int i = 1; i <= 3; i++) {
                    assertThat(lab.agentLog(i)).as("agent %d's log", i).doesNotContain(PASSWORD)
                            .doesNotContain(java.util.Base64.getEncoder().encodeToString(PASSWORD.getBytes()));
                }

                // The speaker's admin endpoint (what `junction bgp neighbors` reads), on the node's loopback only.
                String neighbors = RouterLab.run("ip", "netns", "exec", lab.node(1), "curl", "-s", "http://127.0.0.1:50052/v1/neighbors");
                assertThat(neighbors).contains("\"name\" : \"node/node2\"", "\"name\" : \"external/192.168.10.254\"", "\"state\" : \"ESTABLISHED\"")
                        .doesNotContain(PASSWORD);
                assertThat(RouterLab.exitCode(List.of("ip", "netns", "exec", lab.node(2), "curl", "-s", "--max-time", "1",
                        "http://192.168.10.1:50052/v1/neighbors"))).as("not reachable on the node address").isNotZero();

                assertThat(RouterLab.run("ip", "netns", "exec", lab.node(1), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                        "http://127.0.0.1:10256/healthz")).as("healthz of a router-only agent").isEqualTo("200");
                String metrics = RouterLab.run("ip", "netns", "exec", lab.node(1), "curl", "-s", "http://127.0.0.1:10249/metrics");
                assertThat(metrics).contains("junction_bgp_peers{state=\"established\"} 3.0", "junction_router_routes{kind=\"tunnel\"} 1.0",
                        "junction_router_routes{kind=\"direct\"} 1.0");

                // Pod egress: leaving the cluster the source becomes the node's address; between pods it stays the pod's.
                await("pod1 reaches a server outside the cluster", 10, () -> RouterLab.exitCode(List.of("ip", "netns", "exec", lab.pod(1),
                        "curl", "-s", "-o", "/dev/null", "--max-time", "1", "http://192.168.10.254:8081/")) == 0);
                assertThat(lab.outsideLog()).contains("192.168.10.1 - -").doesNotContain("10.244.1.10");
                assertThat(lab.podLog(2)).contains("10.244.1.10 - -");
                // The CNI file of node1: its pod CIDR for host-local, the MTU less the VXLAN overhead.
                await("node1's CNI file", 10, () -> java.nio.file.Files.exists(cniFile));
                assertThat(java.nio.file.Files.readString(cniFile)).contains("\"subnet\": \"10.244.1.0/24\"", "\"mtu\": 1450", "\"bridge\": \"kube-bridge\"");

                // A route deleted by hand comes back at the next reconcile (1 s here).
                // (`ip route del` failing would fail the test; checking the absence afterwards would race the reconcile.)
                RouterLab.run("ip", "-n", lab.node(1), "route", "del", "10.244.2.0/24");
                await("the deleted route is back", 10, () -> lab.routes(1).contains("10.244.2.0/24 via 192.168.10.2"));
                // A route someone changed is put back as well.
                RouterLab.run("ip", "-n", lab.node(1), "route", "replace", "10.244.2.0/24", "via", "192.168.10.254", "proto", "244");
                await("the changed route is repaired", 10, () -> lab.routes(1).contains("10.244.2.0/24 via 192.168.10.2"));

                // node2's agent crashes and restarts: graceful restart keeps the routes everywhere, and traffic flows.
                java.nio.file.Path stop = lab.dir.resolve("stop-echo");
                Process longLived = lab.startEchoClient(3, 2, stop); // across the overlay, one connection the whole time
                // Each probe: node1 and node3 still hold the route to node2's pods, and a new connection from their pods
                // gets through (3 s allowed: the two cores are shared with the agents' JVMs).
                java.util.List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                AtomicInteger probes = new AtomicInteger();
                Thread traffic = Thread.ofPlatform().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            int n = probes.incrementAndGet();
                            if (!lab.routes(1).contains("10.244.2.0/24")) failures.add("probe " + n + ": node1 has no route to node2's pods");
                            if (!lab.routes(3).contains("10.244.2.0/24")) failures.add("probe " + n + ": node3 has no route to node2's pods");
                            if (!lab.reaches(1, 2, 3)) failures.add("probe " + n + ": pod1 -> pod2 failed");
                            if (!lab.reaches(3, 2, 3)) failures.add("probe " + n + ": pod3 -> pod2 failed");
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                });
                try {
                    lab.killAgent(2);
                    Thread.sleep(3000);
                    assertThat(lab.routes(1)).as("node1 keeps node2's route while node2 restarts").contains("10.244.2.0/24");
                    lab.startAgent(2, List.of());
                    await("node2's agent is back in the mesh", 60, () -> lab.agentLog(2).contains("restarting speaker")
                            && lab.routes(2).contains("10.244.1.0/24") && lab.routes(2).contains("10.244.3.0/24"));
                    Thread.sleep(3000);
                } finally {
                    traffic.interrupt();
                    traffic.join();
                }
                assertThat(failures).as("failed probes out of " + probes.get() + " across node2's restart").isEmpty();
                java.nio.file.Files.writeString(stop, "");
                assertThat(longLived.waitFor(10, TimeUnit.SECONDS)).isTrue();
                String echo = new String(longLived.getInputStream().readAllBytes()).trim();
                assertThat(longLived.exitValue()).as("the long-lived connection pod3 -> pod2: " + echo).isZero();
                assertThat(echo).startsWith("ok ");

                // node3 leaves the API: its route goes on every other node.
                lab.writeNodes(List.of(1, 2));
                await("node3's route withdrawn everywhere", 20, () -> !lab.routes(1).contains("10.244.3.0/24")
                        && !lab.routes(2).contains("10.244.3.0/24"));
                assertThat(lab.reaches(1, 2)).isTrue();
            } catch (AssertionError | Exception e) {
                lab.dumpLogs();
                throw e;
            }
        }
    }

    @Test
    @Timeout(120)
    void theFullOverlayTunnelsEvenWithinASubnet() throws Exception {
        assumeTrue("0".equals(RouterLab.run("id", "-u").trim()), "the router's kernel test needs root (network namespaces)");
        try (RouterLab lab = new RouterLab()) {
            try {
                lab.create();
                lab.writeNodes(List.of(1, 2));
                for (int i = 1; i <= 2; i++) lab.startAgent(i, List.of("--overlay-type", "full"));
                await("pod routes through the overlay", 60, () -> lab.routes(1).contains("10.244.2.0/24")
                        && lab.routes(2).contains("10.244.1.0/24"));
                assertThat(line(lab.routes(1), "10.244.2.0/24")).startsWith("10.244.2.0/24 via 192.168.10.2 dev junction-vxlan").contains("onlink");
                await("pod1 and pod2 reach each other through VXLAN", 20, () -> lab.reaches(1, 2) && lab.reaches(2, 1));
            } catch (AssertionError | Exception e) {
                lab.dumpLogs();
                throw e;
            }
        }
    }
}
