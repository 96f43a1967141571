package dev.junction.bgp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE body codec (RFC 4271 §4.3) and the message-level rules of RFC 7606: length consistency (§3 (b)), NLRI
 * syntax (§3 (i), (j), §5.3), missing well-known attributes (§3 (d)), the NEXT_HOP host check (RFC 4271 §6.3),
 * the choice of the strongest action (§3 (h)) and the escalation of §5.2.
 */
final class UpdateCodec {
    private UpdateCodec() {
    }

    static DecodeResult decode(byte[] body, DecodeContext ctx) {
        WireReader r = new WireReader(body);
        if (r.remaining() < 4) {
            int len = body.length + Header.LENGTH;
            return fail(DecodeError.header(ErrorCodes.BAD_MESSAGE_LENGTH, new byte[]{(byte) (len >>> 8), (byte) len},
                    "UPDATE shorter than 23 octets (RFC 4271 §6.1)"));
        }
        int withdrawnLength = r.u16();
        // RFC 7606 §3 (b) / RFC 4271 §6.3: "if Withdrawn Routes Length + Total Attribute Length + 23 exceeds the
        // message Length, then the Error Subcode MUST be set to Malformed Attribute List" (session reset).
        if (withdrawnLength + 2 > r.remaining()) {
            return fail(DecodeError.update(ErrorAction.SESSION_RESET, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, null,
                    "Withdrawn Routes Length " + withdrawnLength + " exceeds the message (RFC 7606 §3 (b))", null));
        }
        WireReader withdrawnField = r.slice(withdrawnLength);
        int attributesLength = r.u16();
        if (attributesLength > r.remaining()) {
            return fail(DecodeError.update(ErrorAction.SESSION_RESET, ErrorCodes.MALFORMED_ATTRIBUTE_LIST, null,
                    "Total Attribute Length " + attributesLength + " exceeds the message (RFC 7606 §3 (b))", null));
        }
        WireReader attributesField = r.slice(attributesLength);
        // RFC 7606 §3 (i): "The Withdrawn Routes field MUST be checked for syntactic correctness in the same manner
        // as the NLRI field"; §3 (j) and §5.3: an NLRI field that cannot be parsed means a session reset, with
        // RFC 4271 §6.3's Invalid Network Field.
        NlriCodec.Parsed withdrawn = NlriCodec.decode(withdrawnField, AddressFamily.IPV4);
        if (withdrawn.error() != null) return fail(invalidNetwork("Withdrawn Routes " + withdrawn.error()));
        NlriCodec.Parsed nlri = NlriCodec.decode(r, AddressFamily.IPV4);
        if (nlri.error() != null) return fail(invalidNetwork("NLRI " + nlri.error()));

        AttributesDecoder.Result attrs = AttributesDecoder.decode(attributesField, ctx);
        Update update = new Update(withdrawn.prefixes(), attrs.attributes(), nlri.prefixes());
        List<DecodeError> problems = new ArrayList<>(attrs.problems());
        checkNextHop(update, problems);
        boolean reachable = !update.reachable().isEmpty();
        if (reachable) checkMandatory(update, attrs.seen(), problems);

        Optional<DecodeError> reset = problems.stream().filter(p -> p.action() == ErrorAction.SESSION_RESET).findFirst();
        if (reset.isPresent()) return fail(reset.get());
        if (!reachable && hasAttributesOtherThanMpUnreach(attrs.seen())) {
            // RFC 7606 §5.2: an UPDATE with path attributes other than MP_UNREACH_NLRI and no reachable NLRI: "if
            // any encountered error specifies an error-handling approach other than attribute discard, then the
            // session reset approach MUST be used".
            for (DecodeError p : problems) {
                if (p.action() != ErrorAction.ATTRIBUTE_DISCARD) {
                    return fail(p.withAction(ErrorAction.SESSION_RESET, "no reachable NLRI (RFC 7606 §5.2)"));
                }
            }
        }
        return new DecodeResult.Ok(update, problems);
    }

    /**
     * RFC 4271 §6.3: "Syntactic correctness means that the NEXT_HOP attribute represents a valid IP host address";
     * otherwise Invalid NEXT_HOP Attribute, which RFC 7606 §3 (e) turns into treat-as-withdraw. Only checked when
     * the NLRI field is used: with MP_REACH_NLRI alone the receiver "SHOULD ignore" NEXT_HOP (RFC 4760 §3).
     */
    private static void checkNextHop(Update u, List<DecodeError> problems) {
        if (u.nlri().isEmpty()) return;
        u.attribute(PathAttribute.NextHop.class).ifPresent(nh -> {
            byte[] a = nh.address().getAddress();
            int first = a[0] & 0xFF;
            if (first == 0 || first >= 224) {
                byte[] data = new byte[7];
                data[0] = (byte) (AttributeTable.lookup(PathAttribute.NEXT_HOP).flags());
                data[1] = PathAttribute.NEXT_HOP;
                data[2] = 4;
                System.arraycopy(a, 0, data, 3, 4);
                problems.add(DecodeError.update(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.INVALID_NEXT_HOP_ATTRIBUTE, data,
                        "NEXT_HOP " + IpText.format(a) + " is not a host address (RFC 4271 §6.3, RFC 7606 §3 (e))", null));
            }
        });
    }

    /**
     * RFC 7606 §3 (d): missing well-known mandatory attributes mean treat-as-withdraw; RFC 4271 §6.3 puts the
     * missing type code in the data. ORIGIN and AS_PATH are needed whenever routes are announced, NEXT_HOP only
     * with the NLRI field (RFC 4760 §3: an UPDATE whose only NLRI is in MP_REACH_NLRI "SHOULD NOT carry" it).
     */
    private static void checkMandatory(Update u, boolean[] seen, List<DecodeError> problems) {
        List<Integer> required = new ArrayList<>(List.of(PathAttribute.ORIGIN, PathAttribute.AS_PATH));
        if (!u.nlri().isEmpty()) required.add(PathAttribute.NEXT_HOP);
        for (int type : required) {
            if (!seen[type]) {
                problems.add(DecodeError.update(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.MISSING_WELL_KNOWN_ATTRIBUTE,
                        new byte[]{(byte) type}, "missing well-known attribute " + AttributeTable.name(type) + " (RFC 7606 §3 (d))", null));
            }
        }
    }

    private static boolean hasAttributesOtherThanMpUnreach(boolean[] seen) {
        for (int t = 0; t < seen.length; t++) if (seen[t] && t != PathAttribute.MP_UNREACH_NLRI) return true;
        return false;
    }

    private static DecodeError invalidNetwork(String why) {
        return DecodeError.update(ErrorAction.SESSION_RESET, ErrorCodes.INVALID_NETWORK_FIELD, null, why, null);
    }

    private static DecodeResult fail(DecodeError e) {
        return new DecodeResult.Failure(e);
    }

    static void encode(Update u, WireWriter w, EncodeContext ctx) {
        int fields = (u.withdrawn().isEmpty() ? 0 : 1) + (u.nlri().isEmpty() ? 0 : 1)
                + (u.attribute(MpReach.class).isPresent() ? 1 : 0) + (u.attribute(MpUnreach.class).isPresent() ? 1 : 0);
        if (fields > 1) {
            // RFC 7606 §5.1: "An UPDATE message MUST NOT contain more than one of the following: non-empty Withdrawn
            // Routes field, non-empty Network Layer Reachability Information field, MP_REACH_NLRI attribute, and
            // MP_UNREACH_NLRI attribute."
            throw new IllegalArgumentException("an UPDATE may carry only one of withdrawn, NLRI, MP_REACH, MP_UNREACH (RFC 7606 §5.1)");
        }
        int mark = w.size();
        w.u16(0);
        NlriCodec.encode(u.withdrawn(), w);
        w.putU16At(mark, w.size() - mark - 2);
        mark = w.size();
        w.u16(0);
        AttributesEncoder.encode(u.attributes(), w, ctx);
        int attributesLength = w.size() - mark - 2;
        if (attributesLength > 0xFFFF) throw new IllegalArgumentException("path attributes exceed 65535 octets");
        w.putU16At(mark, attributesLength);
        NlriCodec.encode(u.nlri(), w);
    }
}
