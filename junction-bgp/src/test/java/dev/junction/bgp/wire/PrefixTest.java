package dev.junction.bgp.wire;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class PrefixTest {

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8", "0.0.0.0/0", "192.0.2.1/32", "2001:db8::/32", "::/0", "2001:db8:0:1::/64",
            "fe80::1/128", "2001:db8::1:0:0:1/128", "::ffff:10.0.0.0/104"})
    void parsesAndPrintsCanonicalText(String text) {
        Prefix p = Prefix.parse(text);
        assertThat(Prefix.parse(p.toString())).isEqualTo(p);
        if (!text.contains("ffff:10")) assertThat(p.toString()).isEqualTo(text);
    }

    @Test
    void printsIpv6PerRfc5952() {
        assertThat(Prefix.parse("2001:0db8:0000:0000:0001:0000:0000:0000/128").toString()).isEqualTo("2001:db8:0:0:1::/128"); // longest run wins
        assertThat(Prefix.parse("2001:db8:0:0:1:0:0:1/128").toString()).isEqualTo("2001:db8::1:0:0:1/128");
        assertThat(Prefix.parse("2001:db8:0:1:1:1:1:1/128").toString()).isEqualTo("2001:db8:0:1:1:1:1:1/128");
    }

    @Test
    void rejectsHostBitsLengthsAndWrongSizes() {
        assertThatThrownBy(() -> Prefix.parse("10.0.0.1/8")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prefix.parse("2001:db8::/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Prefix(AddressFamily.IPV4, new byte[16], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Prefix(AddressFamily.IPV6, new byte[16], -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireFormClearsTrailingBitsAsRfc4271Allows() {
        Prefix p = Prefix.fromWire(AddressFamily.IPV4, new byte[]{10, (byte) 0xFF}, 12);
        assertThat(p).isEqualTo(Prefix.parse("10.240.0.0/12"));
        assertThat(p.wireBytes()).isEqualTo(2);
    }

    @Test
    void isAValueDefensivelyCopied() {
        byte[] a = {10, 0, 0, 0};
        Prefix p = new Prefix(AddressFamily.IPV4, a, 8);
        a[0] = 11;
        p.address()[0] = 12;
        assertThat(p.toString()).isEqualTo("10.0.0.0/8");
        assertThat(p.hashCode()).isEqualTo(Prefix.parse("10.0.0.0/8").hashCode());
    }
}
