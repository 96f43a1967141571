package dev.junction.netlink;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routes with the Junction protocol installed, read back equal, seen by {@code ip route}, replaced and deleted. */
@Tag("kernel")
class RouteKernelTest {
    @BeforeEach
    void root() {
        TestNamespace.assumeRoot();
    }

    /** A namespace with {@code eth0} (one end of a veth, up) holding 192.168.7.1/24 and 2001:db8:7::1/64. */
    private static Link uplink(TestNamespace ns) throws Exception {
        RtNetlink nl = ns.netlink();
        Link eth = nl.createVeth("eth0", "eth0p");
        nl.addAddress(new Address(eth.index(), IpPrefix.parse("192.168.7.1/24")));
        nl.addAddress(new Address(eth.index(), IpPrefix.parse("2001:db8:7::1/64")));
        nl.setUp(nl.link("eth0p").orElseThrow().index(), true);
        nl.setUp(eth.index(), true);
        return eth;
    }

    @Test
    void addReadBackReplaceAndDeleteIpv4AndIpv6() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link eth = uplink(ns);
            Route v4 = Route.to("10.244.3.0/24").via("192.168.7.2").dev(eth.index()).metric(20).mtu(1400).build();
            Route v6 = Route.to("fd00:244:3::/64").via("2001:db8:7::2").dev(eth.index()).build();
            Route device = Route.to("10.244.4.0/24").dev(eth.index()).build();
            Route v6Mtu = Route.to("fd00:244:5::/64").dev(eth.index()).metric(300).mtu(1300).build();
            nl.addRoute(v4);
            nl.addRoute(v6);
            nl.addRoute(device);
            nl.addRoute(v6Mtu);

            assertThat(nl.routes(RouteProtocol.JUNCTION)).containsExactlyInAnyOrder(v4, v6, device, v6Mtu);
            assertThat(nl.deleteRoute(v6Mtu)).isTrue();
            assertThat(nl.routes(RouteProtocol.KERNEL)).as("connected routes are the kernel's").isNotEmpty()
                    .doesNotContain(v4, v6, device);
            assertThat(ns.ip("route", "show", "proto", "244"))
                    .contains("10.244.3.0/24 via 192.168.7.2 dev eth0 metric 20 mtu 1400")
                    .contains("10.244.4.0/24 dev eth0 scope link");
            assertThat(ns.ip("-6", "route", "show", "proto", "244")).contains("fd00:244:3::/64 via 2001:db8:7::2 dev eth0 metric 1024");

            assertThatThrownBy(() -> nl.addRoute(v4)).isInstanceOfSatisfying(NetlinkException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
            Route moved = Route.to("10.244.3.0/24").via("192.168.7.3").dev(eth.index()).metric(20).build();
            nl.replaceRoute(moved);
            nl.replaceRoute(moved); // idempotent
            assertThat(nl.routes(RouteProtocol.JUNCTION)).containsExactlyInAnyOrder(moved, v6, device);

            assertThat(nl.deleteRoute(moved)).isTrue();
            assertThat(nl.deleteRoute(moved)).isFalse();
            assertThat(nl.deleteRoute(v6)).isTrue();
            assertThat(nl.routes(RouteProtocol.JUNCTION)).containsExactly(device);
            assertThat(ns.ip("route", "show", "proto", "244")).doesNotContain("10.244.3.0");
        }
    }

    @Test
    void otherTableAndTableAbove255() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link eth = uplink(ns);
            Route t100 = Route.to("10.9.0.0/16").via("192.168.7.2").dev(eth.index()).table(100).build();
            Route t1000 = Route.to("0.0.0.0/0").via("192.168.7.2").dev(eth.index()).table(1000).build();
            nl.addRoute(t100);
            nl.addRoute(t1000);
            assertThat(nl.routes(100, RouteProtocol.JUNCTION)).containsExactly(t100);
            assertThat(nl.routes(1000, RouteProtocol.ANY)).containsExactly(t1000);
            assertThat(nl.routes(RouteProtocol.JUNCTION)).isEmpty();
            assertThat(ns.ip("route", "show", "table", "1000")).contains("default via 192.168.7.2 dev eth0 proto 244");
        }
    }

    @Test
    void onlinkNextHopThroughVxlan() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link eth = uplink(ns);
            Link vx = nl.createVxlan(new VxlanSpec("vxlan0", 1, InetAddress.ofLiteral("192.168.7.1"), 4789, eth.index(), 0));
            nl.addAddress(new Address(vx.index(), IpPrefix.parse("10.244.1.0/32")));
            nl.setUp(vx.index(), true);
            // flannel-style: the next hop is the remote node's VXLAN address, in no subnet of ours.
            Route r = Route.to("10.244.2.0/24").via("10.244.2.0").dev(vx.index()).onlink().build();
            Route without = Route.to("10.244.2.0/24").via("10.244.2.0").dev(vx.index()).build();
            assertThatThrownBy(() -> nl.addRoute(without)).isInstanceOf(NetlinkException.class);
            nl.addRoute(r);
            assertThat(nl.routes(RouteProtocol.JUNCTION)).containsExactly(r);
            assertThat(ns.ip("route", "show", "proto", "244")).contains("10.244.2.0/24 via 10.244.2.0 dev vxlan0 onlink");
        }
    }

    @Test
    void unreachableGatewayIsAReadableError() throws Exception {
        try (TestNamespace ns = TestNamespace.create()) {
            RtNetlink nl = ns.netlink();
            Link eth = uplink(ns);
            Route r = Route.to("10.50.0.0/16").via("172.31.9.9").dev(eth.index()).build();
            assertThatThrownBy(() -> nl.addRoute(r)).isInstanceOfSatisfying(NetlinkException.class, e -> {
                assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH);
                assertThat(e.kernelMessage()).hasValueSatisfying(m -> assertThat(m).containsIgnoringCase("gateway"));
                assertThat(e.getMessage()).contains("add route 10.50.0.0/16 via 172.31.9.9 dev " + eth.index())
                        .contains("Network is unreachable (errno 101): ");
            });
        }
    }
}
