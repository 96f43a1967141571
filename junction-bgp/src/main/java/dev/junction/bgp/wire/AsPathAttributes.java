package dev.junction.bgp.wire;

import dev.junction.bgp.wire.PathAttribute.As4Path;
import dev.junction.bgp.wire.PathAttribute.AsPath;

import java.util.ArrayList;
import java.util.List;

/** Codecs of AS_PATH (RFC 4271 §4.3, 2- or 4-octet per RFC 6793 §4) and AS4_PATH (RFC 6793 §3). */
final class AsPathAttributes {
    private AsPathAttributes() {
    }

    /** Segments, or why they are malformed. */
    private record Segments(List<AsPathSegment> segments, String error) {
    }

    static final AttributeCodec AS_PATH = AttributeCodec.of(AsPath.class, (v, flags, ctx) -> {
        Segments s = decodeSegments(v, ctx.fourOctetAs() ? 4 : 2, "AS_PATH");
        // RFC 7606 §7.2: "An UPDATE message with a malformed AS_PATH attribute SHALL be handled using the approach
        // of treat-as-withdraw"; RFC 4271 §6.3 names the subcode Malformed AS_PATH.
        return s.error != null ? AttrResult.malformed(ErrorCodes.MALFORMED_AS_PATH, s.error) : AttrResult.ok(new AsPath(s.segments));
    }, (a, w, ctx) -> encodeSegments(a.segments(), ctx.fourOctetAs() ? 4 : 2, w, "AS_PATH"));

    static final AttributeCodec AS4_PATH = AttributeCodec.of(As4Path.class, (v, flags, ctx) -> {
        if (ctx.fourOctetAs()) {
            // RFC 6793 §4.1: "A NEW BGP speaker that receives the AS4_PATH attribute ... from another NEW BGP
            // speaker MUST discard the path attribute and continue processing the UPDATE message."
            return AttrResult.discard(ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, "AS4_PATH from a 4-octet AS peer (RFC 6793 §4.1)");
        }
        if (v.remaining() == 0) {
            // RFC 7606 §4: only AS_PATH and ATOMIC_AGGREGATE may have a length of zero.
            return AttrResult.malformed(ErrorCodes.ATTRIBUTE_LENGTH_ERROR, "empty AS4_PATH (RFC 7606 §4, RFC 6793 §6)");
        }
        Segments s = decodeSegments(v, 4, "AS4_PATH");
        // RFC 6793 §6: a malformed AS4_PATH "MUST discard the attribute and continue processing" (table action).
        if (s.error != null) return AttrResult.malformed(ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, s.error + " (RFC 6793 §6)");
        List<AsPathSegment> kept = s.segments.stream().filter(seg -> !seg.type().confederation()).toList();
        boolean partial = (flags & PathAttribute.PARTIAL) != 0;
        if (kept.isEmpty()) {
            return AttrResult.discard(ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, "AS4_PATH held only AS_CONFED segments (RFC 6793 §6)");
        }
        if (kept.size() != s.segments.size()) {
            // RFC 6793 §6: confederation segments in AS4_PATH: "MUST discard these path segments, adjust the
            // relevant attribute fields accordingly, and continue processing the UPDATE message".
            return new AttrResult.Parsed(new As4Path(kept, partial), "AS_CONFED segments removed from AS4_PATH (RFC 6793 §6)");
        }
        return AttrResult.ok(new As4Path(kept, partial));
    }, (a, w, ctx) -> {
        if (ctx.fourOctetAs()) {
            throw new IllegalArgumentException("AS4_PATH MUST NOT be sent to a 4-octet AS peer (RFC 6793 §4.1)");
        }
        for (AsPathSegment seg : a.segments()) {
            if (seg.type().confederation()) throw new IllegalArgumentException("AS4_PATH MUST NOT carry confederation segments (RFC 6793 §3)");
        }
        encodeSegments(a.segments(), 4, w, "AS4_PATH");
    });

    /** RFC 7606 §7.2 segment checks, plus AS 0 (RFC 7607 §2). */
    private static Segments decodeSegments(WireReader v, int asSize, String name) {
        List<AsPathSegment> out = new ArrayList<>();
        while (v.remaining() > 0) {
            if (v.remaining() < 2) {
                // RFC 7606 §7.2: "an underrun where after the last successfully parsed segment there is only a single
                // octet remaining".
                return new Segments(out, name + " underrun: one octet after the last segment (RFC 7606 §7.2)");
            }
            int typeCode = v.u8();
            int count = v.u8();
            var type = AsPathSegment.Type.of(typeCode);
            // RFC 7606 §7.2: "malformed if an unrecognized segment type is encountered".
            if (type.isEmpty()) return new Segments(out, name + " segment type " + typeCode + " unrecognized (RFC 7606 §7.2)");
            // RFC 7606 §7.2: a segment "has a Path Segment Length field of zero".
            if (count == 0) return new Segments(out, name + " segment of length zero (RFC 7606 §7.2)");
            // RFC 7606 §7.2: "an overrun where the Path Segment Length field of the last segment encountered would
            // cause the Attribute Length to be exceeded".
            if (count * asSize > v.remaining()) {
                return new Segments(out, name + " overrun: segment of " + count + " ASes, " + v.remaining() + " octets left (RFC 7606 §7.2)");
            }
            List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long asn = asSize == 4 ? v.u32() : v.u16();
                // RFC 7607 §2: an AS number of zero in AS_PATH / AS4_PATH is malformed.
                if (asn == 0) return new Segments(out, name + " contains AS 0 (RFC 7607 §2)");
                asns.add(asn);
            }
            out.add(new AsPathSegment(type.get(), asns));
        }
        return new Segments(out, null);
    }

    /** Writes segments, splitting sequences longer than 255 (the Path Segment Length is one octet, RFC 4271 §4.3). */
    static void encodeSegments(List<AsPathSegment> segments, int asSize, WireWriter w, String name) {
        for (AsPathSegment seg : segments) {
            List<Long> asns = seg.asns();
            boolean set = seg.type() == AsPathSegment.Type.AS_SET || seg.type() == AsPathSegment.Type.AS_CONFED_SET;
            if (set && asns.size() > 255) throw new IllegalArgumentException(name + " set of " + asns.size() + " ASes cannot be split");
            for (int from = 0; from < asns.size(); from += 255) {
                int to = Math.min(asns.size(), from + 255);
                w.u8(seg.type().code()).u8(to - from);
                for (long asn : asns.subList(from, to)) {
                    if (asSize == 2) {
                        if (asn > 0xFFFF) {
                            throw new IllegalArgumentException(name + " AS " + asn + " needs 4 octets: convert with "
                                    + "As4.toOldSpeaker first (RFC 6793 §4.2.2)");
                        }
                        w.u16((int) asn);
                    } else {
                        w.u32(asn);
                    }
                }
            }
        }
    }
}
