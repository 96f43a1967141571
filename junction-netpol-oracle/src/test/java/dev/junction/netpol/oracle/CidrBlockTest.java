package dev.junction.netpol.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CidrBlockTest {
    @Test
    void containsAddressesOfItsFamilyUnderThePrefix() {
        CidrBlock b = CidrBlock.parse("172.17.0.0/16");
        assertThat(b.contains(Addresses.parse("172.17.255.1"))).isTrue();
        assertThat(b.contains(Addresses.parse("172.18.0.1"))).isFalse();
        assertThat(b.contains(Addresses.parse("fd00::1"))).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(Addresses.parse("8.8.8.8"))).isTrue();
        assertThat(CidrBlock.parse("::/0").contains(Addresses.parse("8.8.8.8"))).isFalse();
    }

    @Test
    void ignoresHostBits() {
        assertThat(CidrBlock.parse("192.168.1.1/24").contains(Addresses.parse("192.168.1.200"))).isTrue();
    }

    @Test
    void handlesIpv6AndOddPrefixes() {
        CidrBlock b = CidrBlock.parse("fd00:17::/63");
        assertThat(b.contains(Addresses.parse("fd00:17:0:1::9"))).isTrue();
        assertThat(b.contains(Addresses.parse("fd00:17:0:2::9"))).isFalse();
        assertThat(b.strictlyContains(CidrBlock.parse("fd00:17::1:0/112"))).isTrue();
        assertThat(b.strictlyContains(CidrBlock.parse("fd00:17::/63"))).isFalse();
    }

    @Test
    void rejectsWhatIsNotACidr() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/-1", "fd00::/129", "x/8", "fe80::1%eth0/64"}) {
            assertThatThrownBy(() -> CidrBlock.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsIpv6Compactly() {
        assertThat(Addresses.format(Addresses.parse("fd00:0:0:0:0:0:0:1"))).isEqualTo("fd00::1");
        assertThat(Addresses.format(Addresses.parse("::"))).isEqualTo("::");
        assertThat(Addresses.format(Addresses.parse("fd00:10:0:0:1:0:0:5"))).isEqualTo("fd00:10::1:0:0:5");
    }
}
