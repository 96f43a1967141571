package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.Aggregator;
import dev.junction.bgp.wire.PathAttribute.As4Aggregator;

import static dev.junction.bgp.wire.AttributeCodec.requireLength;

/** Codecs of AGGREGATOR (RFC 4271 §4.3, RFC 6793 §4) and AS4_AGGREGATOR (RFC 6793 §3). */
final class AggregatorAttributes {
    private AggregatorAttributes() {
    }

    static final AttributeCodec AGGREGATOR = AttributeCodec.of(Aggregator.class, (v, flags, ctx) -> {
        // RFC 7606 §7.7: malformed if "its length is not 6 (when the 4-octet AS number capability is not advertised
        // to or not received from the peer)" or "not 8 (when [it] is both advertised to and received from the peer)".
        AttrResult bad = requireLength(v, ctx.fourOctetAs() ? 8 : 6, "AGGREGATOR", "RFC 7606 §7.7");
        if (bad != null) return bad;
        long asn = ctx.fourOctetAs() ? v.u32() : v.u16();
        // RFC 7607 §2: AS 0 in AGGREGATOR is malformed and handled per RFC 7606 (attribute discard, §7.7).
        if (asn == 0) return AttrResult.malformed(ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, "AGGREGATOR AS 0 (RFC 7607 §2)");
        return AttrResult.ok(new Aggregator(asn, IpText.ipv4(v.bytes(4)), (flags & PathAttribute.PARTIAL) != 0));
    }, (a, w, ctx) -> {
        if (ctx.fourOctetAs()) {
            w.u32(a.asn());
        } else {
            if (a.asn() > 0xFFFF) {
                throw new IllegalArgumentException("AGGREGATOR AS " + a.asn() + " needs 4 octets: convert with As4.toOldSpeaker first (RFC 6793 §4.2.2)");
            }
            w.u16((int) a.asn());
        }
        w.bytes(a.address().getAddress());
    });

    static final AttributeCodec AS4_AGGREGATOR = AttributeCodec.of(As4Aggregator.class, (v, flags, ctx) -> {
        if (ctx.fourOctetAs()) {
            // RFC 6793 §4.1: AS4_AGGREGATOR from a NEW speaker "MUST discard the path attribute".
            return AttrResult.discard(ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, "AS4_AGGREGATOR from a 4-octet AS peer (RFC 6793 §4.1)");
        }
        // RFC 6793 §6: a malformed AS4_AGGREGATOR (length not 8) is discarded (table action).
        AttrResult bad = requireLength(v, 8, "AS4_AGGREGATOR", "RFC 6793 §6");
        if (bad != null) return bad;
        long asn = v.u32();
        // RFC 7607 §2: AS 0 in AS4_AGGREGATOR is malformed, handled per RFC 6793 (discard).
        if (asn == 0) return AttrResult.malformed(ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, "AS4_AGGREGATOR AS 0 (RFC 7607 §2)");
        return AttrResult.ok(new As4Aggregator(asn, IpText.ipv4(v.bytes(4)), (flags & PathAttribute.PARTIAL) != 0));
    }, (a, w, ctx) -> {
        if (ctx.fourOctetAs()) {
            throw new IllegalArgumentException("AS4_AGGREGATOR MUST NOT be sent to a 4-octet AS peer (RFC 6793 §4.1)");
        }
        w.u32(a.asn()).bytes(a.address().getAddress());
    });
}
