package dev.junction.bgp.wire;

/**
 * Codecs of MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3, §4) for IPv4 and IPv6 unicast, with the RFC 7606
 * §5.3 / §7.11 error handling: a problem inside the attribute disables its AFI/SAFI (the caller may reset the
 * session instead, RFC 4760 §7 with subcode Optional Attribute Error); when not even the AFI/SAFI can be read,
 * the session is reset.
 */
final class MpAttributes {
    private MpAttributes() {
    }

    private static final int SUBCODE = ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR; // RFC 4760 §7

    static final AttributeCodec MP_REACH = AttributeCodec.of(MpReach.class, (v, flags, ctx) -> {
        int length = v.remaining();
        // RFC 7606 §5.3: incorrect if "the length of the MP_REACH_NLRI attribute is less than 5".
        if (length < 3) return AttrResult.reset(SUBCODE, "MP_REACH_NLRI length " + length + " < 5, no AFI/SAFI (RFC 7606 §5.3)");
        AfiSafi family = new AfiSafi(v.u16(), v.u8());
        AttrResult skip = unusable(family, ctx, "MP_REACH_NLRI");
        if (skip != null) return skip;
        if (length < 5) return AttrResult.disable(family, SUBCODE, "MP_REACH_NLRI length " + length + " < 5 (RFC 7606 §5.3)");
        AddressFamily af = family.unicastFamily().orElseThrow();
        int nhLength = v.u8();
        // RFC 7606 §7.11: "If the Length of Next Hop Network Address field of the MP_REACH attribute is
        // inconsistent with that which was expected, the attribute is considered malformed."
        if (!MpReach.validNextHopLength(af, nhLength) || nhLength > v.remaining()) {
            return AttrResult.disable(family, SUBCODE, "next hop length " + nhLength + " inconsistent with " + family
                    + " (RFC 7606 §7.11, RFC 2545 §3)");
        }
        byte[] nextHop = v.bytes(nhLength);
        // RFC 4760 §3: Reserved "MUST be set to 0, and SHOULD be ignored upon receipt".
        if (v.remaining() < 1) return AttrResult.disable(family, SUBCODE, "MP_REACH_NLRI ends before the Reserved octet (RFC 4760 §3)");
        v.u8();
        NlriCodec.Parsed nlri = NlriCodec.decode(v, af);
        if (nlri.error() != null) return AttrResult.disable(family, SUBCODE, "MP_REACH_NLRI " + nlri.error());
        return AttrResult.ok(new MpReach(family, nextHop, nlri.prefixes()));
    }, (a, w, ctx) -> {
        byte[] nh = a.nextHopUnsafe();
        w.u16(a.family().afi()).u8(a.family().safi()).u8(nh.length).bytes(nh).u8(0);
        NlriCodec.encode(a.nlri(), w);
    });

    static final AttributeCodec MP_UNREACH = AttributeCodec.of(MpUnreach.class, (v, flags, ctx) -> {
        int length = v.remaining();
        // RFC 7606 §5.3: incorrect if "the length of the MP_UNREACH_NLRI attribute is less than 3".
        if (length < 3) return AttrResult.reset(SUBCODE, "MP_UNREACH_NLRI length " + length + " < 3 (RFC 7606 §5.3)");
        AfiSafi family = new AfiSafi(v.u16(), v.u8());
        AttrResult skip = unusable(family, ctx, "MP_UNREACH_NLRI");
        if (skip != null) return skip;
        NlriCodec.Parsed nlri = NlriCodec.decode(v, family.unicastFamily().orElseThrow());
        if (nlri.error() != null) return AttrResult.disable(family, SUBCODE, "MP_UNREACH_NLRI " + nlri.error());
        return AttrResult.ok(new MpUnreach(family, nlri.prefixes()));
    }, (a, w, ctx) -> {
        w.u16(a.family().afi()).u8(a.family().safi());
        NlriCodec.encode(a.withdrawn(), w);
    });

    /**
     * Discard for an AFI/SAFI this codec cannot parse or the session did not negotiate (RFC 4760 §8 has the
     * capability decide which AFI/SAFIs are exchanged). Its routes affect nothing here, so dropping the attribute
     * is safe; BIRD ignores such NLRI the same way.
     */
    private static AttrResult unusable(AfiSafi family, DecodeContext ctx, String name) {
        if (family.unicastFamily().isEmpty()) {
            return AttrResult.discard(SUBCODE, name + " for " + family + ", which this speaker does not support");
        }
        if (!ctx.multiprotocol().contains(family)) {
            return AttrResult.discard(SUBCODE, name + " for " + family + ", which was not negotiated (RFC 4760 §8)");
        }
        return null;
    }
}
