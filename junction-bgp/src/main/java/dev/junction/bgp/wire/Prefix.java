package dev.junction.bgp.wire;

import java.util.Arrays;

/**
 * An IP prefix as carried in NLRI (RFC 4271 §4.3 "Network Layer Reachability Information", RFC 4760 §5).
 * Strict: the address array is exactly one full address of the family, the length fits the family, and every
 * bit after the prefix length is zero. The decoder clears those trailing bits before building a prefix, because
 * "the value of trailing bits is irrelevant" (RFC 4271 §4.3).
 */
public record Prefix(AddressFamily family, byte[] address, int length) {
    /** The order tables are shown and plans are sorted in: IPv4 before IPv6, then by address (unsigned), then by length. */
    public static final java.util.Comparator<Prefix> ORDER = java.util.Comparator.comparing(Prefix::family)
            .thenComparing(Prefix::address, Arrays::compareUnsigned).thenComparingInt(Prefix::length);

    public Prefix {
        if (family == null || address == null) throw new IllegalArgumentException("family and address are required");
        if (address.length != family.bytes()) {
            throw new IllegalArgumentException(family + " address needs " + family.bytes() + " octets, got " + address.length);
        }
        if (length < 0 || length > family.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + family);
        }
        address = address.clone();
        for (int bit = length; bit < family.bits(); bit++) {
            if ((address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
                throw new IllegalArgumentException("host bits set after /" + length + " in " + IpText.format(address));
            }
        }
    }

    /** Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; host bits must be zero. */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("missing /length: " + text);
        byte[] a = IpText.parse(text.substring(0, slash));
        AddressFamily f = a.length == 4 ? AddressFamily.IPV4 : AddressFamily.IPV6;
        return new Prefix(f, a, Integer.parseInt(text.substring(slash + 1)));
    }

    /** A prefix from the first {@code ceil(length/8)} octets of {@code significant}, clearing trailing bits. */
    static Prefix fromWire(AddressFamily family, byte[] significant, int length) {
        byte[] full = new byte[family.bytes()];
        System.arraycopy(significant, 0, full, 0, significant.length);
        if ((length & 7) != 0) full[length >>> 3] &= (byte) (0xFF << (8 - (length & 7)));
        return new Prefix(family, full, length);
    }

    /**
     * An IPv4 prefix as one long, {@code address << 8 | length} (never negative), so that tables of many prefixes
     * can hold keys instead of objects; -1 for any other family.
     */
    public long ipv4Key() {
        if (family != AddressFamily.IPV4) return -1;
        int a = (address[0] & 0xFF) << 24 | (address[1] & 0xFF) << 16 | (address[2] & 0xFF) << 8 | address[3] & 0xFF;
        return (a & 0xFFFFFFFFL) << 8 | length;
    }

    /** The prefix of an {@link #ipv4Key()}. */
    public static Prefix ofIpv4Key(long key) {
        int a = (int) (key >>> 8);
        return new Prefix(AddressFamily.IPV4, new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}, (int) (key & 0xFF));
    }

    /** Octets the prefix occupies after its length octet on the wire. */
    public int wireBytes() {
        return (length + 7) >>> 3;
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    byte[] addressUnsafe() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && p.family == family && p.length == length && Arrays.equals(p.address, address);
    }

    /**
     * A well-mixed hash. {@code Arrays.hashCode} of the octets is a polynomial in 31 whose values for consecutive
     * /24s overlap massively (a.b.c.0 and a.(b+1).(c-31).0 collide), which turned a full table into HashMap tree
     * bins; the murmur3 finaliser over the octets and the length spreads them.
     */
    @Override
    public int hashCode() {
        int h = length;
        for (int i = 0; i < address.length; i += 4) {
            int w = (address[i] & 0xFF) << 24 | (address[i + 1] & 0xFF) << 16 | (address[i + 2] & 0xFF) << 8 | address[i + 3] & 0xFF;
            h = Integer.rotateLeft(h ^ w * 0xCC9E2D51, 15) * 0x1B873593;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    @Override
    public String toString() {
        return IpText.format(address) + "/" + length;
    }
}
