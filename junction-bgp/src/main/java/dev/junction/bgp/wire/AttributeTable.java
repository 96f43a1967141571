package dev.junction.bgp.wire;

import static dev.junction.bgp.wire.ErrorAction.AFI_SAFI_DISABLE;
import static dev.junction.bgp.wire.ErrorAction.ATTRIBUTE_DISCARD;
import static dev.junction.bgp.wire.ErrorAction.TREAT_AS_WITHDRAW;
import static dev.junction.bgp.wire.PathAttribute.OPTIONAL;
import static dev.junction.bgp.wire.PathAttribute.TRANSITIVE;

/**
 * The path-attribute registry, one row per recognised type in the style of BIRD's {@code bgp_attr_table}: name,
 * the Optional/Transitive flags the attribute's RFC fixes, the RFC 7606 action for a malformed instance, whether
 * only internal peers may send it, and the value codec. Everything the decoder and encoder know about a type
 * comes from its row.
 */
final class AttributeTable {
    private AttributeTable() {
    }

    /**
     * @param flags        the Optional and Transitive bits (RFC 4271 §4.3, §5; RFC 7606 §3 (c) checks them)
     * @param onMalformed  the RFC 7606 action for a malformed instance, including conflicting flags
     * @param internalOnly RFC 7606 §7.5, §7.9, §7.10: "if received from an external neighbor, it SHALL be
     *                     discarded using the approach of attribute discard"
     */
    record Spec(int code, String name, int flags, ErrorAction onMalformed, boolean internalOnly, AttributeCodec codec) {
        boolean optional() {
            return (flags & OPTIONAL) != 0;
        }

        boolean transitive() {
            return (flags & TRANSITIVE) != 0;
        }
    }

    private static final Spec[] TABLE = new Spec[256];

    static {
        // Well-known mandatory (RFC 4271 §5). RFC 7606 §3 (e): treat-as-withdraw for ORIGIN, AS_PATH, NEXT_HOP.
        add(PathAttribute.ORIGIN, "ORIGIN", TRANSITIVE, TREAT_AS_WITHDRAW, false, CoreAttributes.ORIGIN); // §7.1
        add(PathAttribute.AS_PATH, "AS_PATH", TRANSITIVE, TREAT_AS_WITHDRAW, false, AsPathAttributes.AS_PATH); // §7.2
        add(PathAttribute.NEXT_HOP, "NEXT_HOP", TRANSITIVE, TREAT_AS_WITHDRAW, false, CoreAttributes.NEXT_HOP); // §7.3
        // Optional non-transitive (RFC 4271 §5.1.4); RFC 7606 §7.4 treat-as-withdraw.
        add(PathAttribute.MULTI_EXIT_DISC, "MULTI_EXIT_DISC", OPTIONAL, TREAT_AS_WITHDRAW, false, CoreAttributes.MULTI_EXIT_DISC);
        // Well-known (RFC 4271 §5.1.5), internal only; RFC 7606 §7.5.
        add(PathAttribute.LOCAL_PREF, "LOCAL_PREF", TRANSITIVE, TREAT_AS_WITHDRAW, true, CoreAttributes.LOCAL_PREF);
        // RFC 7606 §3 (f): attribute discard for ATOMIC_AGGREGATE and AGGREGATOR (§7.6, §7.7).
        add(PathAttribute.ATOMIC_AGGREGATE, "ATOMIC_AGGREGATE", TRANSITIVE, ATTRIBUTE_DISCARD, false, CoreAttributes.ATOMIC_AGGREGATE);
        add(PathAttribute.AGGREGATOR, "AGGREGATOR", OPTIONAL | TRANSITIVE, ATTRIBUTE_DISCARD, false, AggregatorAttributes.AGGREGATOR);
        // RFC 1997: optional transitive; RFC 7606 §7.8 treat-as-withdraw.
        add(PathAttribute.COMMUNITIES, "COMMUNITIES", OPTIONAL | TRANSITIVE, TREAT_AS_WITHDRAW, false, CommunityAttributes.COMMUNITIES);
        // RFC 4456 §8: optional non-transitive; RFC 7606 §7.9, §7.10.
        add(PathAttribute.ORIGINATOR_ID, "ORIGINATOR_ID", OPTIONAL, TREAT_AS_WITHDRAW, true, CommunityAttributes.ORIGINATOR_ID);
        add(PathAttribute.CLUSTER_LIST, "CLUSTER_LIST", OPTIONAL, TREAT_AS_WITHDRAW, true, CommunityAttributes.CLUSTER_LIST);
        // RFC 4760 §3, §4: optional non-transitive; RFC 7606 §5.3, §7.11 (AFI/SAFI disable or session reset).
        add(PathAttribute.MP_REACH_NLRI, "MP_REACH_NLRI", OPTIONAL, AFI_SAFI_DISABLE, false, MpAttributes.MP_REACH);
        add(PathAttribute.MP_UNREACH_NLRI, "MP_UNREACH_NLRI", OPTIONAL, AFI_SAFI_DISABLE, false, MpAttributes.MP_UNREACH);
        // RFC 6793 §3: optional transitive; §6: malformed ones are discarded.
        add(PathAttribute.AS4_PATH, "AS4_PATH", OPTIONAL | TRANSITIVE, ATTRIBUTE_DISCARD, false, AsPathAttributes.AS4_PATH);
        add(PathAttribute.AS4_AGGREGATOR, "AS4_AGGREGATOR", OPTIONAL | TRANSITIVE, ATTRIBUTE_DISCARD, false, AggregatorAttributes.AS4_AGGREGATOR);
    }

    private static void add(int code, String name, int flags, ErrorAction onMalformed, boolean internalOnly, AttributeCodec codec) {
        TABLE[code] = new Spec(code, name, flags, onMalformed, internalOnly, codec);
    }

    /** The row of a recognised type code, or null. */
    static Spec lookup(int code) {
        return code >= 0 && code < 256 ? TABLE[code] : null;
    }

    /** Name of a type code for messages. */
    static String name(int code) {
        Spec s = lookup(code);
        return s != null ? s.name() : "attribute " + code;
    }
}
