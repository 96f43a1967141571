package dev.junction.bgp.rib;

import dev.junction.bgp.wire.Prefix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class PrefixTableTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        PrefixTable<Integer> t = new PrefixTable<>();
        Map<Prefix, Integer> m = new HashMap<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // A small key space so that removes hit, probe runs wrap and the table grows.
            Prefix p = rnd.nextInt(10) == 0 ? Prefix.parse("2001:db8:" + Integer.toHexString(rnd.nextInt(50)) + "::/48")
                    : Prefix.ofIpv4Key(((long) (rnd.nextInt(3000) << 8)) << 8 | 24);
            if (rnd.nextInt(3) == 0) assertThat(t.remove(p)).isEqualTo(m.remove(p));
            else assertThat(t.put(p, i)).isEqualTo(m.put(p, i));
            if (i % 997 == 0) {
                for (Prefix q : m.keySet()) assertThat(t.get(q)).isEqualTo(m.get(q));
            }
        }
        assertThat(t.size()).isEqualTo(m.size());
        assertThat(new HashSet<>(t.prefixes())).isEqualTo(m.keySet());
        Map<Prefix, Integer> seen = new HashMap<>();
        t.forEach(seen::put);
        assertThat(seen).isEqualTo(m);
    }

    @Test
    void ipv4KeysRoundTrip() {
        for (String s : new String[] {"0.0.0.0/0", "255.255.255.255/32", "10.1.2.0/24", "128.0.0.0/1"}) {
            Prefix p = Prefix.parse(s);
            assertThat(p.ipv4Key()).isNotNegative();
            assertThat(Prefix.ofIpv4Key(p.ipv4Key())).isEqualTo(p);
        }
        assertThat(Prefix.parse("2001:db8::/32").ipv4Key()).isEqualTo(-1);
    }
}
