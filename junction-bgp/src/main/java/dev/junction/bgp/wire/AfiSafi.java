package dev.junction.bgp.wire;

import java.util.Optional;

/**
 * An AFI/SAFI pair (RFC 4760 §3; IANA "Address Family Numbers" and "SAFI Values"). Any pair can be represented
 * (capabilities and ROUTE-REFRESH carry pairs the codec cannot parse NLRI for); {@link #unicastFamily()} says
 * whether the codec can parse its NLRI.
 */
public record AfiSafi(int afi, int safi) {
    public static final int SAFI_UNICAST = 1;
    public static final AfiSafi IPV4_UNICAST = new AfiSafi(1, SAFI_UNICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(2, SAFI_UNICAST);

    public AfiSafi {
        if (afi < 0 || afi > 0xFFFF) throw new IllegalArgumentException("AFI out of range: " + afi);
        if (safi < 0 || safi > 0xFF) throw new IllegalArgumentException("SAFI out of range: " + safi);
    }

    /** The unicast pair of a family. */
    public static AfiSafi unicast(AddressFamily family) {
        return family == AddressFamily.IPV4 ? IPV4_UNICAST : IPV6_UNICAST;
    }

    /** The address family if this is IPv4 or IPv6 unicast, the only pairs whose NLRI this codec parses. */
    public Optional<AddressFamily> unicastFamily() {
        return safi == SAFI_UNICAST ? AddressFamily.ofAfi(afi) : Optional.empty();
    }

    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) return "ipv4-unicast";
        if (equals(IPV6_UNICAST)) return "ipv6-unicast";
        return "afi" + afi + "/safi" + safi;
    }
}
