package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection tracking over ctnetlink in a throwaway namespace: a UDP flow on loopback shows up with both tuples,
 * a filtered delete removes exactly it, and {@code conntrack -L} agrees.
 */
@Tag("kernel")
class ConntrackKernelTest {
    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    private static void sendUdp(TestNamespace ns, int port) throws Exception {
        ns.exec("/usr/bin/python3", "-c", "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
                + "s.bind(('127.0.0.1', 40000 + " + port % 1000 + ")); s.sendto(b'x', ('127.0.0.1', " + port + "))");
    }

    @Test
    void listsAndDeletesUdpFlows() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            // A ct expression makes the namespace track connections.
            ns.exec("nft", "add table ip t; add chain ip t out { type filter hook output priority 0; }; add rule ip t out ct state new accept");
            sendUdp(ns, 5353);
            sendUdp(ns, 5354);
            try (Conntrack ct = Conntrack.openIn(ns.path())) {
                List<ConntrackEntry> all = ct.list(IpFamily.V4);
                InetAddress lo = InetAddress.ofLiteral("127.0.0.1");
                assertThat(all).anySatisfy(e -> {
                    assertThat(e.protocol()).isEqualTo(17);
                    assertThat(e.original()).isEqualTo(new ConntrackEntry.Tuple(lo, lo, 40353, 5353));
                    assertThat(e.reply()).isEqualTo(new ConntrackEntry.Tuple(lo, lo, 5353, 40353));
                });
                int deleted = ct.deleteMatching(IpFamily.V4, e -> e.protocol() == 17 && e.original().destinationPort() == 5353);
                assertThat(deleted).isEqualTo(1);
                assertThat(ct.list(IpFamily.V4)).noneMatch(e -> e.original().destinationPort() == 5353)
                        .anyMatch(e -> e.original().destinationPort() == 5354);
                assertThat(ns.exec("conntrack", "-L", "-p", "udp")).doesNotContain("dport=5353").contains("dport=5354");
                ConntrackEntry gone = new ConntrackEntry(IpFamily.V4, 17, new ConntrackEntry.Tuple(lo, lo, 40353, 5353),
                        new ConntrackEntry.Tuple(lo, lo, 5353, 40353));
                assertThat(ct.delete(gone)).as("deleting what is gone is not an error").isFalse();
            }
        }
    }
}
