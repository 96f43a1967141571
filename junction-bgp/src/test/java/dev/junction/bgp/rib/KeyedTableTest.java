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
class KeyedTableTest {
    private record Entry(Prefix prefix, int n) implements KeyedTable.Keyed {
        public long ipv4Key() {
            return prefix.ipv4Key();
        }
    }

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        KeyedTable<Entry> t = new KeyedTable<>();
        Map<Prefix, Entry> m = new HashMap<>();
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            Prefix p = rnd.nextInt(10) == 0 ? Prefix.parse("2001:db8:" + Integer.toHexString(rnd.nextInt(50)) + "::/48")
                    : Prefix.ofIpv4Key(((long) (rnd.nextInt(3000) << 8)) << 8 | 24);
            if (rnd.nextInt(3) == 0) {
                assertThat(t.remove(p)).isEqualTo(m.remove(p));
            } else {
                Entry e = new Entry(p, i);
                assertThat(t.put(p, e)).isEqualTo(m.put(p, e));
            }
            if (i % 997 == 0) {
                for (Prefix q : m.keySet()) assertThat(t.get(q)).isEqualTo(m.get(q));
            }
        }
        assertThat(t.size()).isEqualTo(m.size());
        assertThat(new HashSet<>(t.values())).isEqualTo(new HashSet<>(m.values()));
    }
}
