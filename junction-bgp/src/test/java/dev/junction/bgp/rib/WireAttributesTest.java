package dev.junction.bgp.rib;

import dev.junction.bgp.wire.AfiSafi;
import dev.junction.bgp.wire.MpReach;
import dev.junction.bgp.wire.PathAttribute;
import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Path attributes to and from {@link RouteAttributes}: the next hop of IPv6 routes. */
@Tag("unit")
class WireAttributesTest {
    private static final List<Prefix> V6 = List.of(Prefix.parse("2001:db8:10::/48"));

    @Test
    void anIpv4MappedIpv6NextHopStaysAnIpv6AddressAndIsSentAsSixteenOctets() {
        // GoBGP announces an IPv6 route without an IPv6 next hop over an IPv4 session with ::ffff:192.168.100.1.
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffffc0a86401");
        List<PathAttribute> in = List.of(new PathAttribute.Origin(0), new PathAttribute.AsPath(List.of()),
                new MpReach(AfiSafi.IPV6_UNICAST, mapped, V6));

        RouteAttributes a = WireAttributes.fromWire(in, AfiSafi.IPV6_UNICAST);

        assertThat(a.nextHop()).isInstanceOf(Inet6Address.class);
        assertThat(a.nextHop().getAddress()).isEqualTo(mapped);
        // Re-advertised unchanged (e.g. reflected to another client), it is still a valid IPv6 MP_REACH_NLRI.
        assertThat(WireAttributes.toWire(a, AfiSafi.IPV6_UNICAST, V6)).filteredOn(MpReach.class::isInstance)
                .singleElement().satisfies(r -> assertThat(((MpReach) r).nextHop()).isEqualTo(mapped));
    }
}
