package dev.junction.router.plan;

import static dev.junction.router.plan.Nodes.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class OverlayMacTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.5,      02:4a:0a:00:00:05",
        "192.168.1.254, 02:4a:c0:a8:01:fe",
        "0.0.0.0,       02:4a:00:00:00:00",
    })
    void ipv4OctetsAreTheMac(String address, String mac) {
        assertThat(OverlayMac.of(ip(address))).hasToString(mac);
    }

    @Test
    void everyMacIsLocallyAdministeredUnicast() {
        for (String a : new String[] {"10.0.0.5", "255.255.255.255", "fd00:1::1", "2001:db8::ff"}) {
            int first = OverlayMac.of(ip(a)).bytes()[0] & 0xff;
            assertThat(first & 0x01).as("unicast " + a).isZero();
            assertThat(first & 0x02).as("locally administered " + a).isEqualTo(2);
        }
    }

    @Test
    void ipv6MacsAreStableAndDistinct() {
        OverlayMac a = OverlayMac.of(ip("fd00:1::1"));
        assertThat(OverlayMac.of(ip("fd00:1::1"))).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.toString()).startsWith("02:4b:");
        Set<OverlayMac> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) seen.add(OverlayMac.of(ip("fd00:1::" + Integer.toHexString(i))));
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theBytesAreACopy() {
        OverlayMac m = OverlayMac.of(ip("10.0.0.5"));
        m.bytes()[5] = 9;
        assertThat(m).hasToString("02:4a:0a:00:00:05");
    }
}
