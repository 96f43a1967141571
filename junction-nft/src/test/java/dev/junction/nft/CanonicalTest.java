package dev.junction.nft;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected forms are what nft 1.0.6 listed for the same input (see sample-ip6.nft / sample-ip6.json). */
@Tag("unit")
class CanonicalTest {

    @ParameterizedTest
    @CsvSource({
        "fd00:0:0:0:0:0:0:1, fd00::1",
        "2001:DB8::0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::ffff:10.0.0.1, ::ffff:10.0.0.1",
        "0:0:0:0:0:ffff:a00:1, ::ffff:10.0.0.1",
        "::1.2.3.4, ::1.2.3.4",
        "::1, ::1",
        "::, ::",
        "1::, 1::",
        "1:0:2:0:3:0:4:0, 1:0:2:0:3:0:4:0",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "fe80:0000:0000:0000:0202:b3ff:fe1e:8329, fe80::202:b3ff:fe1e:8329",
        "2001:db8:1::, 2001:db8:1::",
    })
    void ipv6LikeInetNtop(String in, String out) {
        assertThat(Canonical.ipv6(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7"})
    void rejectsBadIpv6(String s) {
        assertThatThrownBy(() -> Canonical.ipv6(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "a.b.c.d", ""})
    void rejectsBadIpv4InsteadOfResolvingIt(String s) {
        assertThatThrownBy(() -> Canonical.ipv4(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void protocolsAndPortsAsNftListsThem() {
        assertThat(Canonical.protocol("6")).isEqualTo("tcp");
        assertThat(Canonical.protocol("17")).isEqualTo("udp");
        assertThat(Canonical.protocol("132")).isEqualTo("sctp");
        assertThat(Canonical.protocol("tcp")).isEqualTo("tcp");
        assertThat(Canonical.protocol("253")).isEqualTo("253");
        assertThat(Canonical.service("80")).isEqualTo("80");
        assertThatThrownBy(() -> Canonical.service("65536")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concatenatedKeys() {
        List<String> type = Canonical.typeParts("ipv4_addr . inet_proto . inet_service");
        assertThat(Canonical.key(type, "10.96.0.1 . 6 . 80", false)).isEqualTo("10.96.0.1 . tcp . 80");
        assertThat(Canonical.key(Canonical.typeParts("ipv6_addr . inet_proto . inet_service"),
                "fd00:0::1 . udp . 53", false)).isEqualTo("fd00::1 . udp . 53");
        assertThatThrownBy(() -> Canonical.key(type, "10.96.0.1 . tcp", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "ipv4_addr, 11.0.0.1/8, 11.0.0.0/8",
        "ipv4_addr, 11.0.0.1/32, 11.0.0.1",
        "ipv4_addr, 11.0.0.0-11.255.255.255, 11.0.0.0/8",
        "ipv4_addr, 11.0.0.0-11.0.0.255, 11.0.0.0/24",
        "ipv4_addr, 12.0.0.0-12.0.0.0, 12.0.0.0",
        "ipv4_addr, 11.0.0.3-11.0.0.9, 11.0.0.3-11.0.0.9",
        "ipv4_addr, 0.0.0.0/0, 0.0.0.0/0",
        "ipv6_addr, fd00::1/8, fd00::/8",
        "ipv6_addr, 2001:db8:1::/48, 2001:db8:1::/48",
        "inet_service, 96-111, 96-111",
        "inet_service, 80-80, 80",
    })
    void intervalsLikeTheKernelStoresThem(String type, String in, String out) {
        assertThat(Canonical.part(type, in, true)).isEqualTo(out);
    }

    @Test
    void prefixesAndRangesNeedAnIntervalSet() {
        assertThatThrownBy(() -> Canonical.part("ipv4_addr", "10.0.0.0/8", false))
                .hasMessageContaining("flags interval");
        assertThatThrownBy(() -> Canonical.part("inet_service", "80-90", false))
                .hasMessageContaining("flags interval");
    }

    @Test
    void verdicts() {
        assertThat(Canonical.verdict("goto   a")).isEqualTo("goto a");
        assertThat(Canonical.verdict(" drop ")).isEqualTo("drop");
        assertThatThrownBy(() -> Canonical.verdict("goto")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Canonical.verdict("dnat")).isInstanceOf(IllegalArgumentException.class);
    }
}
