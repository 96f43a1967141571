package dev.junction.bgp.rib.policy;

import dev.junction.bgp.wire.Prefix;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered prefix list with length ranges, as in FRR/Cisco {@code ip prefix-list}: the first entry that matches
 * decides permit or deny; no match is deny.
 */
public record PrefixList(List<Entry> entries) {
    public PrefixList {
        entries = List.copyOf(entries);
    }

    /**
     * Matches prefixes inside {@code prefix} whose length is within {@code ge..le}. Without ge/le the entry is an
     * exact match ({@code ge = le = prefix length}).
     */
    public record Entry(Prefix prefix, int ge, int le, boolean permit) {
        public Entry {
            int bits = prefix.family().bits();
            if (ge < prefix.length() || le < ge || le > bits) {
                throw new IllegalArgumentException("need len <= ge <= le <= " + bits + ": " + prefix + " ge " + ge + " le " + le);
            }
        }

        public boolean matches(Prefix p) {
            if (p.family() != prefix.family() || p.length() < ge || p.length() > le) return false;
            byte[] a = p.address();
            byte[] b = prefix.address();
            int bits = prefix.length();
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i & 7);
                if ((a[i >>> 3] & mask) != (b[i >>> 3] & mask)) return false;
            }
            return true;
        }
    }

    /**
     * Parses entries like {@code "10.0.0.0/8"}, {@code "10.0.0.0/8 le 24"}, {@code "deny 10.1.0.0/16 ge 24"}:
     * optional {@code permit}/{@code deny}, the prefix, optional {@code ge N}, optional {@code le N}. With only
     * {@code ge}, {@code le} is the family's full length; with only {@code le}, {@code ge} is the prefix length.
     */
    public static PrefixList of(String... specs) {
        List<Entry> out = new ArrayList<>();
        for (String spec : specs) out.add(parse(spec));
        return new PrefixList(out);
    }

    static Entry parse(String spec) {
        String[] w = spec.trim().split("\\s+");
        int i = 0;
        boolean permit = true;
        if (w[i].equals("permit") || w[i].equals("deny")) permit = w[i++].equals("permit");
        Prefix p = Prefix.parse(w[i++]);
        Integer ge = null;
        Integer le = null;
        while (i + 1 < w.length) {
            switch (w[i]) {
                case "ge" -> ge = Integer.parseInt(w[i + 1]);
                case "le" -> le = Integer.parseInt(w[i + 1]);
                default -> throw new IllegalArgumentException("unknown word '" + w[i] + "' in " + spec);
            }
            i += 2;
        }
        if (i != w.length) throw new IllegalArgumentException("trailing words in " + spec);
        int g = ge != null ? ge : p.length();
        int l = le != null ? le : ge != null ? p.family().bits() : p.length();
        return new Entry(p, g, l, permit);
    }

    public boolean permits(Prefix p) {
        for (Entry e : entries) if (e.matches(p)) return e.permit();
        return false;
    }
}
