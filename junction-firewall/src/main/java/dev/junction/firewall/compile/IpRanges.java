package dev.junction.firewall.compile;

import dev.junction.model.Cidr;
import dev.junction.model.Ip;
import dev.junction.model.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An ipBlock as interval-set elements: the cidr minus its excepts, as disjoint {@code a-b} ranges (nft sets
 * cannot subtract, so the difference is computed here).
 */
final class IpRanges {
    private IpRanges() {}

    static List<String> minus(Cidr cidr, List<Cidr> except) {
        int bits = cidr.family() == IpFamily.V4 ? 32 : 128;
        List<BigInteger[]> ranges = new ArrayList<>();
        ranges.add(range(cidr, bits));
        for (Cidr e : except) {
            BigInteger[] cut = range(e, bits);
            List<BigInteger[]> next = new ArrayList<>();
            for (BigInteger[] r : ranges) {
                if (cut[1].compareTo(r[0]) < 0 || cut[0].compareTo(r[1]) > 0) {
                    next.add(r);
                    continue;
                }
                if (cut[0].compareTo(r[0]) > 0) {
                    next.add(new BigInteger[] {r[0], cut[0].subtract(BigInteger.ONE)});
                }
                if (cut[1].compareTo(r[1]) < 0) {
                    next.add(new BigInteger[] {cut[1].add(BigInteger.ONE), r[1]});
                }
            }
            ranges = next;
        }
        List<String> out = new ArrayList<>();
        for (BigInteger[] r : ranges) {
            String lo = text(r[0], cidr.family());
            out.add(r[0].equals(r[1]) ? lo : lo + "-" + text(r[1], cidr.family()));
        }
        return out;
    }

    private static BigInteger[] range(Cidr c, int bits) {
        BigInteger lo = new BigInteger(1, c.network().bytes());
        BigInteger size = BigInteger.ONE.shiftLeft(bits - c.prefix());
        return new BigInteger[] {lo, lo.add(size).subtract(BigInteger.ONE)};
    }

    private static String text(BigInteger v, IpFamily family) {
        int len = family == IpFamily.V4 ? 4 : 16;
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int copy = Math.min(len, raw.length);
        System.arraycopy(raw, raw.length - copy, b, len - copy, copy);
        return new Ip(family, b).toString();
    }
}
