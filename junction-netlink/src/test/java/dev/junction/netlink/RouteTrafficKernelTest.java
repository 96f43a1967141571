package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A route installed through the module carries real packets: namespaces {@code a} and {@code b} joined by a
 * veth, a web server in {@code b} on 10.77.0.1 (a /24 behind b's veth address), and curl in {@code a} reaching
 * it only while the netlink route to 10.77.0.0/24 exists. (No ping here; curl and python3 are installed.)
 */
@Tag("kernel")
class RouteTrafficKernelTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String URL = "http://10.77.0.1:8080/";

    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON + " for the test server; skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs /usr/bin/curl; skipped");
    }

    @Test
    void curlWorksThroughTheRouteAndFailsAfterItIsDeleted() throws Exception {
        try (TestNamespace a = TestNamespace.create(); TestNamespace b = TestNamespace.create()) {
            RtNetlink na = a.netlink();
            RtNetlink nb = b.netlink();
            Link ethA = na.createVeth("eth-a", "eth-b", b.path());
            Link ethB = nb.link("eth-b").orElseThrow();
            na.addAddress(new Address(ethA.index(), IpPrefix.parse("192.168.9.1/30")));
            nb.addAddress(new Address(ethB.index(), IpPrefix.parse("192.168.9.2/30")));
            Link pods = nb.createBridge("pods0");
            nb.addAddress(new Address(pods.index(), IpPrefix.parse("10.77.0.1/24")));
            nb.setUp(pods.index(), true);
            nb.setUp(ethB.index(), true);
            na.setUp(ethA.index(), true);

            Process server = b.start(PYTHON.toString(), "-m", "http.server", "8080", "--bind", "10.77.0.1");
            try {
                awaitServer(b);
                assertThat(curl(a)).as("no route yet").isFalse();

                Route route = Route.to("10.77.0.0/24").via("192.168.9.2").dev(ethA.index()).build();
                na.addRoute(route);
                assertThat(curl(a)).as("through the netlink route").isTrue();

                assertThat(na.deleteRoute(route)).isTrue();
                assertThat(curl(a)).as("route deleted").isFalse();
            } finally {
                server.destroy(); // our own child, by handle
                server.waitFor();
            }
        }
    }

    private static boolean curl(TestNamespace ns) {
        try {
            ns.exec("curl", "-sS", "-o", "/dev/null", "--connect-timeout", "2", "-m", "4", URL);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitServer(TestNamespace b) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!curl(b)) {
            if (System.nanoTime() > deadline) throw new AssertionError("test server in " + b + " did not come up");
            Thread.sleep(100);
        }
    }
}
