package dev.junction.bgp.wire;

/**
 * What an attribute codec made of one attribute value. The verbs mirror BIRD's {@code WITHDRAW}/{@code DISCARD}:
 * {@link #malformed} applies the attribute's RFC 7606 action from {@link AttributeTable}, the others name the
 * action where the RFC ties it to the particular check.
 */
sealed interface AttrResult {
    /** A good attribute; a non-null {@code note} reports a part that was dropped (logged as attribute discard). */
    record Parsed(PathAttribute attribute, String note) implements AttrResult {
    }

    /** A malformed attribute; a null {@code action} means the table's action for this attribute type. */
    record Malformed(ErrorAction action, int subcode, String reason, AfiSafi family) implements AttrResult {
    }

    static AttrResult ok(PathAttribute a) {
        return new Parsed(a, null);
    }

    static AttrResult malformed(int subcode, String reason) {
        return new Malformed(null, subcode, reason, null);
    }

    static AttrResult discard(int subcode, String reason) {
        return new Malformed(ErrorAction.ATTRIBUTE_DISCARD, subcode, reason, null);
    }

    static AttrResult reset(int subcode, String reason) {
        return new Malformed(ErrorAction.SESSION_RESET, subcode, reason, null);
    }

    static AttrResult disable(AfiSafi family, int subcode, String reason) {
        return new Malformed(ErrorAction.AFI_SAFI_DISABLE, subcode, reason, family);
    }
}
