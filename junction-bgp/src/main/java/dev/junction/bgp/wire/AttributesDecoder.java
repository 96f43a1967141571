package dev.junction.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks the Path Attributes field of an UPDATE (RFC 4271 §4.3) and applies RFC 7606 §3 and §4: framing problems,
 * duplicates, unrecognised types, conflicting flags, external-only discards, then each type's codec from
 * {@link AttributeTable}. Never throws; every problem becomes a {@link DecodeError} with its action.
 */
final class AttributesDecoder {
    private AttributesDecoder() {
    }

    /** Attributes kept, problems found, and which type codes appeared at all (for RFC 7606 §3 (d) and §5.2). */
    record Result(List<PathAttribute> attributes, List<DecodeError> problems, boolean[] seen) {
    }

    static Result decode(WireReader r, DecodeContext ctx) {
        List<PathAttribute> attrs = new ArrayList<>();
        List<DecodeError> problems = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (r.remaining() > 0) {
            int start = r.position();
            int flags = r.peekU8();
            boolean ext = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
            if (r.remaining() < (ext ? 4 : 3)) {
                // RFC 7606 §4: "fewer than three octets remain (or fewer than four octets, if the Attribute Flags
                // field has the Extended Length bit set) when beginning to parse the attribute" -> treat-as-withdraw;
                // the NLRI is still located through the Total Attribute Length.
                problems.add(DecodeError.update(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.MALFORMED_ATTRIBUTE_LIST,
                        r.bytes(r.remaining()), "truncated attribute header (RFC 7606 §4)", null));
                break;
            }
            r.u8();
            int type = r.u8();
            int length = ext ? r.u16() : r.u8();
            if (length > r.remaining()) {
                // RFC 7606 §4: "the Attribute Length of the last attribute ... would cause the Total Attribute Length
                // to be exceeded" -> treat-as-withdraw.
                String why = AttributeTable.name(type) + " length " + length + " exceeds the " + r.remaining()
                        + " octets left in the attribute list (RFC 7606 §4)";
                problems.add(DecodeError.update(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.ATTRIBUTE_LENGTH_ERROR,
                        r.copyRange(start, r.position() + r.remaining()), why, null));
                break;
            }
            WireReader value = r.slice(length);
            byte[] whole = r.copyRange(start, r.position());
            AttributeTable.Spec spec = AttributeTable.lookup(type);
            if (seen[type]) {
                duplicate(type, whole, problems);
                continue;
            }
            seen[type] = true;
            if (spec == null) {
                unrecognized(flags, type, value, whole, attrs, problems);
                continue;
            }
            if (spec.internalOnly() && ctx.externalPeer()) {
                // RFC 7606 §7.5 (LOCAL_PREF), §7.9 (ORIGINATOR_ID), §7.10 (CLUSTER_LIST): "if received from an
                // external neighbor, it SHALL be discarded using the approach of attribute discard".
                problems.add(DecodeError.update(ErrorAction.ATTRIBUTE_DISCARD, ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, whole,
                        spec.name() + " from an external peer (RFC 7606 §7.5, §7.9, §7.10)", null));
                continue;
            }
            int conflict = (flags ^ spec.flags()) & (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE);
            if (conflict != 0) {
                // RFC 7606 §3 (c): Optional or Transitive bits "in conflict with their specified values" -> the
                // attribute is malformed; its own rule applies (treat-as-withdraw unless the RFC says otherwise;
                // RFC 7606 §5.3 for MP_REACH/MP_UNREACH). RFC 4271 §6.3 names the subcode Attribute Flags Error.
                String why = spec.name() + " flags 0x" + Integer.toHexString(flags) + " conflict with 0x"
                        + Integer.toHexString(spec.flags()) + " (RFC 7606 §3 (c), §5.3)";
                problems.add(problem(spec.onMalformed(), ErrorCodes.ATTRIBUTE_FLAGS_ERROR, whole, why, null, value));
                continue;
            }
            switch (spec.codec().decode(value, flags, ctx)) {
                case AttrResult.Parsed p -> {
                    attrs.add(p.attribute());
                    if (p.note() != null) {
                        problems.add(DecodeError.update(ErrorAction.ATTRIBUTE_DISCARD, ErrorCodes.OPTIONAL_ATTRIBUTE_ERROR, whole, p.note(), null));
                    }
                }
                case AttrResult.Malformed m -> problems.add(problem(m.action() != null ? m.action() : spec.onMalformed(),
                        m.subcode(), whole, m.reason(), m.family(), new WireReader(whole, whole.length - length, length)));
            }
        }
        return new Result(attrs, problems, seen);
    }

    private static void duplicate(int type, byte[] whole, List<DecodeError> problems) {
        if (type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI) {
            // RFC 7606 §3 (g): a repeated MP_REACH_NLRI or MP_UNREACH_NLRI -> NOTIFICATION with Malformed Attribute List.
            problems.add(DecodeError.update(ErrorAction.SESSION_RESET, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, whole,
                    AttributeTable.name(type) + " appears more than once (RFC 7606 §3 (g))", null));
        } else {
            // RFC 7606 §3 (g): "all the occurrences of the attribute other than the first one SHALL be discarded".
            problems.add(DecodeError.update(ErrorAction.ATTRIBUTE_DISCARD, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, whole,
                    AttributeTable.name(type) + " repeated; later occurrence discarded (RFC 7606 §3 (g))", null));
        }
    }

    private static void unrecognized(int flags, int type, WireReader value, byte[] whole, List<PathAttribute> attrs,
                                     List<DecodeError> problems) {
        if ((flags & PathAttribute.OPTIONAL) == 0) {
            // RFC 4271 §6.3: an unrecognised well-known attribute is an UPDATE error with subcode Unrecognized
            // Well-known Attribute and the attribute as data. RFC 7606 does not name an approach for it; like BIRD
            // and FRR we withdraw the routes instead of resetting the session (RFC 7606 §1's aim).
            problems.add(DecodeError.update(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, whole,
                    "unrecognized well-known attribute " + type + " (RFC 4271 §6.3)", null));
            return;
        }
        // RFC 4271 §5: unrecognised optional attributes are kept (transitive: passed on with Partial set;
        // non-transitive: ignored when propagating), see UnknownAttribute#forPropagation.
        attrs.add(new UnknownAttribute(flags, type, value.bytes(value.remaining())));
    }

    /**
     * A problem with {@code action}; AFI/SAFI disable needs the AFI/SAFI, which is read from the value's first three
     * octets when the codec did not supply it; without them only a session reset is left (RFC 7606 §5.3, §3 (j)).
     */
    private static DecodeError problem(ErrorAction action, int subcode, byte[] whole, String why, AfiSafi family, WireReader value) {
        if (action == ErrorAction.AFI_SAFI_DISABLE && family == null) {
            if (value.remaining() >= 3) {
                family = new AfiSafi(value.u16(), value.u8());
            } else {
                action = ErrorAction.SESSION_RESET;
            }
        }
        return DecodeError.update(action, subcode, whole, why, family);
    }
}
