package dev.junction.bgp.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the Path Attributes field (RFC 4271 §4.3): flags from {@link AttributeTable} (plus the Partial bit a
 * transitive optional attribute carries), the Extended Length bit exactly when the value exceeds 255 octets, and
 * the value from the type's codec. MP_REACH_NLRI/MP_UNREACH_NLRI go first (RFC 7606 §5.1), the rest by type code.
 */
final class AttributesEncoder {
    private AttributesEncoder() {
    }

    private static final Comparator<PathAttribute> ORDER = Comparator
            .comparingInt((PathAttribute a) -> a instanceof MpReach || a instanceof MpUnreach ? 0 : 1)
            .thenComparingInt(PathAttribute::typeCode);

    static void encode(List<PathAttribute> attributes, WireWriter w, EncodeContext ctx) {
        List<PathAttribute> ordered = new ArrayList<>(attributes);
        ordered.sort(ORDER);
        for (PathAttribute a : ordered) encodeOne(a, w, ctx);
    }

    static void encodeOne(PathAttribute a, WireWriter w, EncodeContext ctx) {
        int flags;
        byte[] value;
        if (a instanceof UnknownAttribute u) {
            if (AttributeTable.lookup(u.typeCode()) != null) {
                throw new IllegalArgumentException("type " + u.typeCode() + " is recognised; use its record, not UnknownAttribute");
            }
            flags = u.flags();
            value = u.valueUnsafe();
        } else {
            AttributeTable.Spec spec = AttributeTable.lookup(a.typeCode());
            flags = spec.flags();
            // RFC 4271 §5: a Partial bit set by a previous AS "MUST NOT be set back to 0" (optional transitive only).
            if (a.partial() && spec.optional() && spec.transitive()) flags |= PathAttribute.PARTIAL;
            WireWriter v = new WireWriter();
            spec.codec().encode(a, v, ctx);
            value = v.toByteArray();
        }
        if (value.length > 0xFFFF) throw new IllegalArgumentException(AttributeTable.name(a.typeCode()) + " value exceeds 65535 octets");
        boolean ext = value.length > 0xFF;
        // RFC 4271 §4.3: the Extended Length bit selects a 2-octet Attribute Length; the low four bits are zero.
        w.u8(ext ? flags | PathAttribute.EXTENDED_LENGTH : flags).u8(a.typeCode());
        if (ext) w.u16(value.length);
        else w.u8(value.length);
        w.bytes(value);
    }
}
