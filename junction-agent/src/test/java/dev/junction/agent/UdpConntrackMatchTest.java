package dev.junction.agent;

import dev.junction.netlink.ConntrackEntry;
import dev.junction.netlink.IpFamily;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Which conntrack entries belong to an ended UDP flow: protocol, frontend, port, and the endpoint that answers. */
@Tag("unit")
class UdpConntrackMatchTest {
    private static ConntrackEntry entry(int proto, String dst, int dport, String replySrc) {
        InetAddress client = InetAddress.ofLiteral("10.244.0.5");
        return new ConntrackEntry(IpFamily.V4, proto, new ConntrackEntry.Tuple(client, InetAddress.ofLiteral(dst), 40000, dport),
                new ConntrackEntry.Tuple(InetAddress.ofLiteral(replySrc), client, 5353, 40000));
    }

    @Test
    void matchesOnlyTheFlowsOfTheRemovedEndpoint() {
        UdpConntrackCleaner.Flow clusterIp = new UdpConntrackCleaner.Flow("10.96.0.10", 53, "10.244.0.7");
        assertThat(UdpConntrackCleaner.matches(clusterIp, entry(17, "10.96.0.10", 53, "10.244.0.7"))).isTrue();
        assertThat(UdpConntrackCleaner.matches(clusterIp, entry(6, "10.96.0.10", 53, "10.244.0.7"))).as("TCP").isFalse();
        assertThat(UdpConntrackCleaner.matches(clusterIp, entry(17, "10.96.0.11", 53, "10.244.0.7"))).as("another frontend").isFalse();
        assertThat(UdpConntrackCleaner.matches(clusterIp, entry(17, "10.96.0.10", 54, "10.244.0.7"))).as("another port").isFalse();
        assertThat(UdpConntrackCleaner.matches(clusterIp, entry(17, "10.96.0.10", 53, "10.244.0.8"))).as("a live endpoint").isFalse();
        UdpConntrackCleaner.Flow nodePort = new UdpConntrackCleaner.Flow(null, 30053, "10.244.0.7");
        assertThat(UdpConntrackCleaner.matches(nodePort, entry(17, "192.168.77.2", 30053, "10.244.0.7"))).as("a node port, any address").isTrue();
    }
}
