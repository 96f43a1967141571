package dev.junction.agent.e2e.router;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Dual-stack nodes (see {@link RouterLab}): one BGP session per node pair, over IPv4, carries both families, and
 * IPv6 pod routes go in with the peer's IPv6 address as next hop. The overlay runs over IPv4 only, so node3's IPv6
 * pod CIDR (another subnet) is not installed: that is the documented limit, asserted here so that it is noticed
 * when it changes.
 */
@Tag("kernel")
class RouterDualStackKernelTest {
    @Test
    @Timeout(120)
    void ipv6PodRoutesFollowTheIpv4Session() throws Exception {
        assumeTrue("0".equals(RouterLab.run("id", "-u").trim()), "the router's kernel test needs root (network namespaces)");
        try (RouterLab lab = new RouterLab(true)) {
            try {
                lab.create();
                lab.writeNodes(List.of(1, 2, 3));
                for (int i = 1; i <= 3; i++) lab.startAgent(i, List.of());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(lab.routes6(1).contains("fd00:244:2::/64") && lab.routes6(2).contains("fd00:244:1::/64")
                        && lab.routes(1).contains("10.244.3.0/24"))) {
                    if (System.nanoTime() > deadline) throw new AssertionError("IPv6 pod routes did not appear");
                    Thread.sleep(200);
                }
                assertThat(lab.routes6(1)).contains("fd00:244:2::/64 via fd00:10::2 dev eth0").doesNotContain("fd00:244:3::/64");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!(lab.reaches6(1, 2) && lab.reaches6(2, 1))) {
                    if (System.nanoTime() > until) {
                        System.err.println(RouterLab.run("ip", "-n", lab.node(1), "-6", "route") + RouterLab.run("ip", "-n", lab.node(1), "-6", "neigh")
                                + RouterLab.run("ip", "-n", lab.pod(1), "-6", "addr") + RouterLab.run("ip", "-n", lab.pod(1), "-6", "route"));
                        throw new AssertionError("pod1 and pod2 do not reach each other over IPv6");
                    }
                    Thread.sleep(300);
                }
                long v4 = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!lab.reaches(1, 3)) {
                    if (System.nanoTime() > v4) throw new AssertionError("pod1 -> pod3 over the IPv4 overlay failed; node3: " + lab.routes(3));
                    Thread.sleep(300);
                }
                assertThat(lab.agentLog(1)).contains("the overlay runs over 192.168.10.1 only");
            } catch (AssertionError | Exception e) {
                lab.dumpLogs();
                throw e;
            }
        }
    }
}
