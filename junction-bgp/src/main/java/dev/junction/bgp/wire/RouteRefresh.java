package dev.junction.bgp.wire;

/**
 * ROUTE-REFRESH (RFC 2918 §3) with the RFC 7313 §3.2 Message Subtype in the octet RFC 2918 reserved:
 * 0 normal request, 1 Beginning of Route Refresh (BoRR), 2 End of Route Refresh (EoRR).
 * Other subtypes are decoded so the receiver can ignore them (RFC 7313 §5: "MUST ignore the received
 * ROUTE-REFRESH message").
 */
public record RouteRefresh(AfiSafi family, int subtype) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BORR = 1;
    public static final int EORR = 2;

    public RouteRefresh {
        if (family == null) throw new IllegalArgumentException("family is required");
        if (subtype < 0 || subtype > 255) throw new IllegalArgumentException("subtype out of range: " + subtype);
    }

    public RouteRefresh(AfiSafi family) {
        this(family, NORMAL);
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }

    /** False for subtypes RFC 7313 §5 says to ignore (anything but 0, 1, 2). */
    public boolean isKnownSubtype() {
        return subtype <= EORR;
    }
}
