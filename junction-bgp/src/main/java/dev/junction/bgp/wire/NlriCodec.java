package dev.junction.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Prefix lists as in the Withdrawn Routes and NLRI fields (RFC 4271 §4.3) and inside MP_REACH_NLRI /
 * MP_UNREACH_NLRI (RFC 4760 §5): a length octet in bits, then the fewest octets that hold it.
 */
final class NlriCodec {
    private NlriCodec() {
    }

    /** Either the prefixes or, if the field is syntactically incorrect, why (RFC 7606 §5.3). */
    record Parsed(List<Prefix> prefixes, String error) {
    }

    /** Parses prefixes until {@code r} is exhausted. */
    static Parsed decode(WireReader r, AddressFamily af) {
        List<Prefix> out = new ArrayList<>();
        while (r.remaining() > 0) {
            int len = r.u8();
            // RFC 7606 §5.3: "The length of any of the included NLRI is greater than 32" (IPv4), or "inconsistent
            // with the given AFI/SAFI" (IPv6 greater than 128).
            if (len > af.bits()) return new Parsed(out, "prefix length " + len + " exceeds " + af.bits() + " (RFC 7606 §5.3)");
            int bytes = (len + 7) >>> 3;
            // RFC 7606 §5.3: "the length of the last NLRI found exceeds the amount of unconsumed data remaining".
            if (bytes > r.remaining()) {
                return new Parsed(out, "prefix /" + len + " needs " + bytes + " octets, " + r.remaining() + " left (RFC 7606 §5.3)");
            }
            out.add(Prefix.fromWire(af, r.bytes(bytes), len));
        }
        return new Parsed(out, null);
    }

    static void encode(List<Prefix> prefixes, WireWriter w) {
        for (Prefix p : prefixes) {
            w.u8(p.length());
            w.bytes(p.addressUnsafe(), 0, p.wireBytes());
        }
    }
}
