package dev.junction.bgp.wire;

import java.util.Optional;

/**
 * The two address families the codec understands, with their IANA Address Family Identifier
 * (RFC 4760 §3, "Address Family Identifier (AFI)").
 */
public enum AddressFamily {
    IPV4(1, 4),
    IPV6(2, 16);

    private final int afi;
    private final int bytes;

    AddressFamily(int afi, int bytes) {
        this.afi = afi;
        this.bytes = bytes;
    }

    /** IANA AFI: 1 for IPv4, 2 for IPv6. */
    public int afi() {
        return afi;
    }

    /** Length of a full address in octets. */
    public int bytes() {
        return bytes;
    }

    /** Length of a full address in bits, the longest valid prefix length. */
    public int bits() {
        return bytes * 8;
    }

    /** The family with this AFI, or empty for any other AFI. */
    public static Optional<AddressFamily> ofAfi(int afi) {
        return switch (afi) {
            case 1 -> Optional.of(IPV4);
            case 2 -> Optional.of(IPV6);
            default -> Optional.empty();
        };
    }
}
