package dev.junction.bgp.wire;

import dev.junction.bgp.wire.Capability.GracefulRestart;

import java.util.ArrayList;
import java.util.List;

/** The Capabilities optional parameter's value: a list of code, length, value triples (RFC 5492 §4). */
final class CapabilityCodec {
    private CapabilityCodec() {
    }

    /**
     * Appends the capabilities in {@code v} to {@code out}; returns the error for a malformed one, else null.
     * RFC 4271 §6.2: "If one of the Optional Parameters in the OPEN message is recognized, but is malformed, then
     * the Error Subcode MUST be set to 0 (Unspecific)."
     */
    static DecodeError decode(WireReader v, List<Capability> out) {
        while (v.remaining() > 0) {
            if (v.remaining() < 2) return malformed("capability header truncated (RFC 5492 §4)");
            int code = v.u8();
            int len = v.u8();
            if (len > v.remaining()) return malformed("capability " + code + " length " + len + " overruns its parameter (RFC 5492 §4)");
            WireReader c = v.slice(len);
            Capability cap = switch (code) {
                // RFC 4760 §8: AFI (2), Reserved (1), SAFI (1).
                case Capability.MULTIPROTOCOL -> len != 4 ? null : multiprotocol(c);
                // RFC 2918 §2, RFC 8654 §3, RFC 7313 §3.1: length 0.
                case Capability.ROUTE_REFRESH -> len != 0 ? null : new Capability.RouteRefreshCapability();
                case Capability.EXTENDED_MESSAGE -> len != 0 ? null : new Capability.ExtendedMessageCapability();
                case Capability.ENHANCED_ROUTE_REFRESH -> len != 0 ? null : new Capability.EnhancedRouteRefreshCapability();
                // RFC 6793 §3: a 4-octet AS number.
                case Capability.FOUR_OCTET_AS -> len != 4 ? null : new Capability.FourOctetAs(c.u32());
                // RFC 4724 §3: 2 octets of flags and time, then 4 octets per AFI/SAFI.
                case Capability.GRACEFUL_RESTART -> len < 2 || (len - 2) % 4 != 0 ? null : gracefulRestart(c);
                // RFC 5492 §3: unrecognised capabilities are ignored; kept raw here.
                default -> new Capability.Unknown(code, c.bytes(len));
            };
            if (cap == null) return malformed("capability " + code + " has invalid length " + len);
            out.add(cap);
        }
        return null;
    }

    private static Capability multiprotocol(WireReader c) {
        int afi = c.u16();
        c.u8(); // Reserved: "SHOULD be set to 0 by the sender and ignored by the receiver" (RFC 4760 §8)
        return new Capability.Multiprotocol(new AfiSafi(afi, c.u8()));
    }

    private static Capability gracefulRestart(WireReader c) {
        int flagsAndTime = c.u16();
        List<GracefulRestart.Family> families = new ArrayList<>();
        while (c.remaining() >= 4) {
            AfiSafi f = new AfiSafi(c.u16(), c.u8());
            families.add(new GracefulRestart.Family(f, c.u8()));
        }
        return new GracefulRestart(flagsAndTime >>> 12, flagsAndTime & 0xFFF, families);
    }

    private static DecodeError malformed(String why) {
        return DecodeError.open(ErrorCodes.UNSPECIFIC, null, why + " (RFC 4271 §6.2)");
    }

    static void encode(Capability cap, WireWriter w) {
        WireWriter v = new WireWriter();
        switch (cap) {
            case Capability.Multiprotocol m -> v.u16(m.family().afi()).u8(0).u8(m.family().safi());
            case Capability.RouteRefreshCapability r -> {
            }
            case Capability.ExtendedMessageCapability e -> {
            }
            case Capability.EnhancedRouteRefreshCapability e -> {
            }
            case Capability.FourOctetAs f -> v.u32(f.asn());
            case GracefulRestart g -> {
                v.u16((g.restartFlags() << 12) | g.restartTime());
                for (GracefulRestart.Family f : g.families()) v.u16(f.family().afi()).u8(f.family().safi()).u8(f.flags());
            }
            case Capability.Unknown u -> v.bytes(u.value());
        }
        if (v.size() > 255) throw new IllegalArgumentException("capability " + cap.code() + " value exceeds 255 octets");
        w.u8(cap.code()).u8(v.size()).bytes(v.toByteArray());
    }
}
