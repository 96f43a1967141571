package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Permanent neighbours and VXLAN flood-list FDB entries, checked against {@code ip neigh} and {@code bridge fdb}. */
@Tag("kernel")
class NeighbourKernelTest {
    private static final MacAddress PEER_MAC = MacAddress.parse("0a:58:0a:f4:02:00");

    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    @Test
    void permanentNeighboursReplaceListAndDelete() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link br = nl.createBridge("br0");
            InetAddress v4 = InetAddress.ofLiteral("10.244.2.0");
            InetAddress v6 = InetAddress.ofLiteral("fd00:244:2::");
            nl.setPermanentNeighbour(br.index(), v4, PEER_MAC);
            nl.setPermanentNeighbour(br.index(), v6, PEER_MAC);
            MacAddress moved = MacAddress.parse("0a:58:0a:f4:02:01");
            nl.setPermanentNeighbour(br.index(), v4, moved); // replace

            assertThat(nl.neighbours()).filteredOn(n -> n.index() == br.index()).containsExactlyInAnyOrder(
                    new Neighbour(br.index(), v4, Optional.of(moved), Neighbour.NUD_PERMANENT),
                    new Neighbour(br.index(), v6, Optional.of(PEER_MAC), Neighbour.NUD_PERMANENT));
            assertThat(nl.neighbours()).allMatch(Neighbour::isPermanent);
            assertThat(ns.ip("neigh", "show", "dev", "br0")).contains("10.244.2.0 lladdr 0a:58:0a:f4:02:01 PERMANENT");

            assertThat(nl.deleteNeighbour(br.index(), v4)).isTrue();
            assertThat(nl.deleteNeighbour(br.index(), v4)).isFalse();
            assertThat(nl.neighbours()).extracting(Neighbour::address).containsExactly(v6);
        }
    }

    @Test
    void vxlanFloodListAppendListAndDelete() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link under = nl.createBridge("under0");
            nl.addAddress(new Address(under.index(), IpPrefix.parse("192.168.1.1/24")));
            Link vx = nl.createVxlan(new VxlanSpec("vxlan0", 1, InetAddress.ofLiteral("192.168.1.1"), 4789, under.index(), 0));
            InetAddress node2 = InetAddress.ofLiteral("192.168.1.2");
            InetAddress node3 = InetAddress.ofLiteral("192.168.1.3");
            nl.appendFdb(vx.index(), MacAddress.ZERO, node2);
            nl.appendFdb(vx.index(), MacAddress.ZERO, node3);
            nl.appendFdb(vx.index(), MacAddress.ZERO, node3); // already there: no-op
            nl.addFdb(vx.index(), PEER_MAC, node2);

            assertThat(nl.fdb(vx.index())).filteredOn(f -> f.destination().isPresent()).containsExactlyInAnyOrder(
                    new FdbEntry(vx.index(), MacAddress.ZERO, Optional.of(node2), true, true),
                    new FdbEntry(vx.index(), MacAddress.ZERO, Optional.of(node3), true, true),
                    new FdbEntry(vx.index(), PEER_MAC, Optional.of(node2), true, true));
            String shown = TestNamespace.run(java.util.List.of("ip", "netns", "exec", ns.name(), "bridge", "fdb", "show", "dev", "vxlan0"));
            assertThat(shown).contains("00:00:00:00:00:00 dst 192.168.1.2 self permanent")
                    .contains("00:00:00:00:00:00 dst 192.168.1.3 self permanent")
                    .contains("0a:58:0a:f4:02:00 dst 192.168.1.2 self permanent");

            assertThat(nl.deleteFdb(vx.index(), MacAddress.ZERO, node2)).isTrue();
            assertThat(nl.fdb(vx.index())).filteredOn(f -> f.mac().equals(MacAddress.ZERO))
                    .extracting(f -> f.destination().orElseThrow()).containsExactly(node3);
            // The vxlan driver answers 0 for a remote the MAC lacks, as long as the MAC has some entry.
            assertThat(nl.deleteFdb(vx.index(), MacAddress.ZERO, node2)).isTrue();
            assertThat(nl.deleteFdb(vx.index(), MacAddress.ZERO, node3)).isTrue();
            assertThat(nl.deleteFdb(vx.index(), MacAddress.ZERO, node3)).as("the MAC has no entry left").isFalse();
            assertThat(nl.fdb(vx.index())).noneMatch(f -> f.mac().equals(MacAddress.ZERO));
        }
    }
}
