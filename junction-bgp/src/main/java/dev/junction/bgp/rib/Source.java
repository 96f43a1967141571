package dev.junction.bgp.rib;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Where a route came from: a peer (by its address, the key of its Adj-RIB-In) or this speaker.
 *
 * @param routerId             the peer's BGP Identifier from its OPEN, for tie-breaking and ORIGINATOR_ID
 * @param routeReflectorClient the peer is one of our route-reflector clients (RFC 4456 §5)
 */
public record Source(InetAddress address, long asn, Inet4Address routerId, Kind kind, boolean routeReflectorClient) {
    public enum Kind {
        /** Originated by this speaker. */
        LOCAL,
        /** Learned from a peer in our AS. */
        INTERNAL,
        /** Learned from a peer in another AS. */
        EXTERNAL
    }

    /** The address that stands for this speaker's own routes. */
    public static final InetAddress LOCAL_ADDRESS = Inet4Address.ofLiteral("0.0.0.0");

    public static Source local(long asn, Inet4Address routerId) {
        return new Source(LOCAL_ADDRESS, asn, routerId, Kind.LOCAL, false);
    }

    public static Source peer(InetAddress address, long peerAsn, long localAsn, Inet4Address routerId, boolean rrClient) {
        return new Source(address, peerAsn, routerId, peerAsn == localAsn ? Kind.INTERNAL : Kind.EXTERNAL, rrClient);
    }

    public Source withRouterId(Inet4Address id) {
        return new Source(address, asn, id, kind, routeReflectorClient);
    }

    public boolean internal() {
        return kind == Kind.INTERNAL;
    }

    public boolean external() {
        return kind == Kind.EXTERNAL;
    }

    @Override
    public String toString() {
        return kind == Kind.LOCAL ? "local" : address.getHostAddress() + " (AS" + asn + (routeReflectorClient ? ", rr-client" : "") + ")";
    }
}
