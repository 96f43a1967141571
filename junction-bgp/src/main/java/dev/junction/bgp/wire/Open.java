package dev.junction.bgp.wire;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * OPEN (RFC 4271 §4.2) with its capabilities (RFC 5492). The Capabilities parameter is the only optional
 * parameter in use (RFC 4271 §6.2 rejects others with Unsupported Optional Parameter), so the record keeps the
 * capability list; the encoder writes them all in one Capabilities parameter, as BIRD and GoBGP do, and the
 * decoder also accepts one parameter per capability, as FRR and Cisco send them.
 */
public record Open(int version, int myAs, int holdTime, Inet4Address bgpId, List<Capability> capabilities)
        implements BgpMessage {
    public static final int VERSION = 4;
    /** RFC 6793 §2: the 2-octet AS sent by a speaker whose AS does not fit. */
    public static final int AS_TRANS = 23456;

    public Open {
        if (version < 0 || version > 255) throw new IllegalArgumentException("version out of range");
        if (myAs < 0 || myAs > 0xFFFF) throw new IllegalArgumentException("My Autonomous System is 2 octets");
        if (holdTime < 0 || holdTime > 0xFFFF) throw new IllegalArgumentException("hold time is 2 octets");
        if (bgpId == null) throw new IllegalArgumentException("BGP Identifier is required");
        capabilities = List.copyOf(capabilities);
    }

    /**
     * An OPEN for a speaker in {@code asn}: version 4, and My Autonomous System set to the AS or, if it does not
     * fit in 2 octets, to AS_TRANS (RFC 6793 §4.2.1). Include {@link Capability.FourOctetAs} in {@code capabilities}
     * yourself.
     */
    public static Open of(long asn, int holdTime, Inet4Address bgpId, List<Capability> capabilities) {
        int myAs = asn <= 0xFFFF ? (int) asn : AS_TRANS;
        return new Open(VERSION, myAs, holdTime, bgpId, capabilities);
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }

    /** The peer's AS: the 4-octet AS capability's value if present (RFC 6793 §4.1), else My Autonomous System. */
    public long asNumber() {
        return capability(Capability.FourOctetAs.class).map(Capability.FourOctetAs::asn).orElse((long) myAs);
    }

    /** All capabilities of one kind, in order. */
    public <T extends Capability> List<T> capabilities(Class<T> kind) {
        return capabilities.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The first capability of one kind. */
    public <T extends Capability> Optional<T> capability(Class<T> kind) {
        return capabilities.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The AFI/SAFIs of the Multiprotocol capabilities (RFC 4760 §8). */
    public List<AfiSafi> multiprotocol() {
        return capabilities(Capability.Multiprotocol.class).stream().map(Capability.Multiprotocol::family).toList();
    }
}
