package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.AtomicAggregate;
import dev.junction.bgp.wire.PathAttribute.LocalPref;
import dev.junction.bgp.wire.PathAttribute.MultiExitDisc;
import dev.junction.bgp.wire.PathAttribute.NextHop;
import dev.junction.bgp.wire.PathAttribute.Origin;

import static dev.junction.bgp.wire.AttributeCodec.requireLength;

/** Codecs of the RFC 4271 scalar attributes: ORIGIN, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE. */
final class CoreAttributes {
    private CoreAttributes() {
    }

    static final AttributeCodec ORIGIN = AttributeCodec.of(Origin.class, (v, flags, ctx) -> {
        // RFC 7606 §7.1: malformed "if its length is not 1 or if it has an undefined value".
        AttrResult bad = requireLength(v, 1, "ORIGIN", "RFC 7606 §7.1");
        if (bad != null) return bad;
        int o = v.u8();
        if (o > 2) {
            // RFC 4271 §6.3: "If the ORIGIN attribute has an undefined value, then the Error Sub-code MUST be set to
            // Invalid Origin Attribute."
            return AttrResult.malformed(ErrorCodes.INVALID_ORIGIN_ATTRIBUTE, "undefined ORIGIN " + o + " (RFC 4271 §6.3, RFC 7606 §7.1)");
        }
        return AttrResult.ok(new Origin(o));
    }, (a, w, ctx) -> w.u8(a.value()));

    static final AttributeCodec NEXT_HOP = AttributeCodec.of(NextHop.class, (v, flags, ctx) -> {
        // RFC 7606 §7.3: "malformed if its length is not 4". Semantic checks need the NLRI: see UpdateCodec.
        AttrResult bad = requireLength(v, 4, "NEXT_HOP", "RFC 7606 §7.3");
        return bad != null ? bad : AttrResult.ok(new NextHop(IpText.ipv4(v.bytes(4))));
    }, (a, w, ctx) -> w.bytes(a.address().getAddress()));

    static final AttributeCodec MULTI_EXIT_DISC = AttributeCodec.of(MultiExitDisc.class, (v, flags, ctx) -> {
        // RFC 7606 §7.4: "malformed if its length is not 4".
        AttrResult bad = requireLength(v, 4, "MULTI_EXIT_DISC", "RFC 7606 §7.4");
        return bad != null ? bad : AttrResult.ok(new MultiExitDisc(v.u32()));
    }, (a, w, ctx) -> w.u32(a.value()));

    static final AttributeCodec LOCAL_PREF = AttributeCodec.of(LocalPref.class, (v, flags, ctx) -> {
        // RFC 7606 §7.5: from an internal neighbor, "malformed if its length is not equal to 4" (from an external
        // one it is discarded before this codec runs, see AttributeTable).
        AttrResult bad = requireLength(v, 4, "LOCAL_PREF", "RFC 7606 §7.5");
        return bad != null ? bad : AttrResult.ok(new LocalPref(v.u32()));
    }, (a, w, ctx) -> w.u32(a.value()));

    static final AttributeCodec ATOMIC_AGGREGATE = AttributeCodec.of(AtomicAggregate.class, (v, flags, ctx) -> {
        // RFC 7606 §7.6: "malformed if its length is not 0".
        AttrResult bad = requireLength(v, 0, "ATOMIC_AGGREGATE", "RFC 7606 §7.6");
        return bad != null ? bad : AttrResult.ok(new AtomicAggregate());
    }, (a, w, ctx) -> {
    });
}
