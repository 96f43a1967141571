package dev.junction.bgp.wire;

import java.util.Arrays;
import java.util.List;

/**
 * MP_REACH_NLRI, type 14 (RFC 4760 §3): AFI/SAFI, next hop and reachable prefixes. The next hop is kept as raw
 * octets because its length carries meaning: 4 for IPv4 unicast, and for IPv6 unicast 16 (global) or 32 (global
 * followed by link-local, RFC 2545 §3). IPv4 NLRI with an IPv6 next hop (RFC 8950) is not supported.
 */
public record MpReach(AfiSafi family, byte[] nextHop, List<Prefix> nlri) implements PathAttribute {
    public MpReach {
        if (family == null || nextHop == null) throw new IllegalArgumentException("family and next hop are required");
        AddressFamily af = family.unicastFamily()
                .orElseThrow(() -> new IllegalArgumentException("only IPv4/IPv6 unicast is supported, not " + family));
        if (!validNextHopLength(af, nextHop.length)) {
            throw new IllegalArgumentException("next hop of " + nextHop.length + " octets is invalid for " + family);
        }
        nextHop = nextHop.clone();
        nlri = List.copyOf(nlri);
        for (Prefix p : nlri) if (p.family() != af) throw new IllegalArgumentException(p + " is not " + af);
    }

    /** IPv4 unicast: 4 octets (RFC 4760 §3). IPv6 unicast: 16, or 32 with a link-local address (RFC 2545 §3). */
    static boolean validNextHopLength(AddressFamily af, int length) {
        return af == AddressFamily.IPV4 ? length == 4 : length == 16 || length == 32;
    }

    /** An IPv6 unicast MP_REACH with a global next hop and, if not null, a link-local one (RFC 2545 §3). */
    public static MpReach ipv6(String global, String linkLocal, List<Prefix> nlri) {
        byte[] g = IpText.parse(global);
        byte[] nh = g;
        if (linkLocal != null) {
            nh = Arrays.copyOf(g, 32);
            System.arraycopy(IpText.parse(linkLocal), 0, nh, 16, 16);
        }
        return new MpReach(AfiSafi.IPV6_UNICAST, nh, nlri);
    }

    @Override
    public int typeCode() {
        return PathAttribute.MP_REACH_NLRI;
    }

    /** The first (global) next-hop address as text. */
    public String globalNextHop() {
        return IpText.format(Arrays.copyOf(nextHop, Math.min(nextHop.length, 16)));
    }

    /** The link-local next hop of a 32-octet IPv6 next hop, else null (RFC 2545 §3). */
    public String linkLocalNextHop() {
        return nextHop.length == 32 ? IpText.format(Arrays.copyOfRange(nextHop, 16, 32)) : null;
    }

    @Override
    public byte[] nextHop() {
        return nextHop.clone();
    }

    byte[] nextHopUnsafe() {
        return nextHop;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpReach m && m.family.equals(family) && Arrays.equals(m.nextHop, nextHop) && m.nlri.equals(nlri);
    }

    @Override
    public int hashCode() {
        return (family.hashCode() * 31 + Arrays.hashCode(nextHop)) * 31 + nlri.hashCode();
    }

    @Override
    public String toString() {
        String ll = linkLocalNextHop();
        return "MpReach[" + family + " nh=" + globalNextHop() + (ll == null ? "" : "," + ll) + " " + nlri + "]";
    }
}
