package dev.junction.netlink;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prefixes, MAC addresses and the Route normalisations that make a read-back route equal the installed one. */
@Tag("unit")
class ValueTypesTest {
    @Test
    void prefixesParseKeepHostBitsAndClearThemOnRequest() {
        IpPrefix p = IpPrefix.parse("10.244.1.7/22");
        assertThat(p.toString()).isEqualTo("10.244.1.7/22");
        assertThat(p.network()).isEqualTo(IpPrefix.parse("10.244.0.0/22"));
        assertThat(IpPrefix.parse("fd00::1:2/112").network()).isEqualTo(IpPrefix.parse("fd00::1:0/112"));
        assertThat(IpPrefix.parse("192.0.2.1").length()).isEqualTo(32);
        assertThat(IpPrefix.parse("::/0").family()).isEqualTo(IpFamily.V6);
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpPrefix.parse("example.com/24")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv4MappedIpv6AddressesStayIpv6() {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[15] = 1;
        assertThat(Attributes.inet(mapped)).isInstanceOf(Inet6Address.class);
    }

    @Test
    void macAddressesRoundTrip() {
        MacAddress m = MacAddress.parse("0A:58:0a:f4:02:00");
        assertThat(m.toString()).isEqualTo("0a:58:0a:f4:02:00");
        assertThat(MacAddress.of(m.bytes())).isEqualTo(m);
        assertThat(MacAddress.ZERO.toString()).isEqualTo("00:00:00:00:00:00");
        assertThatThrownBy(() -> MacAddress.parse("0a:58:0a:f4:02")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routeBuilderDefaultsAndKernelNormalisations() {
        Route device = Route.to("10.1.0.0/24").dev(3).build();
        assertThat(device.scope()).isEqualTo(RouteScope.LINK);
        assertThat(device.protocol()).isEqualTo(RouteProtocol.JUNCTION);
        assertThat(device.table()).isEqualTo(RouteTable.MAIN);
        assertThat(Route.to("10.1.0.0/24").via("192.0.2.1").build().scope()).isEqualTo(RouteScope.UNIVERSE);

        Route v6 = Route.to("fd00::/64").dev(3).scope(RouteScope.LINK).build();
        assertThat(v6.scope()).as("IPv6 routes have no scope").isEqualTo(RouteScope.UNIVERSE);
        assertThat(v6.metric()).isEqualTo(Route.IPV6_DEFAULT_METRIC);
        assertThat(v6).isEqualTo(Route.to("fd00::/64").dev(3).metric(1024).build());

        assertThat(Route.to("10.2.0.0/16").via("192.0.2.1").dev(4).onlink().metric(5).mtu(1400).build().toString())
                .isEqualTo("10.2.0.0/16 via 192.0.2.1 dev 4 onlink proto 244 table 254 scope 0 metric 5 mtu 1400");
        assertThatThrownBy(() -> Route.to("10.2.0.0/16").via("fd00::1").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rulesAndVxlanSpecsCheckTheirArguments() {
        assertThatThrownBy(() -> new Rule(IpFamily.V4, 1, 2, Optional.of(IpPrefix.parse("fd00::/8")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VxlanSpec("vx", 1 << 24, InetAddress.ofLiteral("192.0.2.1"), 4789, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
