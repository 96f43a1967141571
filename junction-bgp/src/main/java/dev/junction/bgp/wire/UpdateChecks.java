package dev.junction.bgp.wire;

import java.util.List;
import java.util.Optional;

/** UPDATE checks that depend on the session's configuration, as values (compare {@link OpenChecks}). */
public final class UpdateChecks {
    private UpdateChecks() {
    }

    /**
     * The leftmost-AS check for an UPDATE from an external peer (RFC 4271 §6.3: "the local system MAY check whether
     * the leftmost ... AS in the AS_PATH attribute is equal to the autonomous system number of the peer"; failing it
     * is Malformed AS_PATH). RFC 7606 §7.2: such routes SHOULD be handled with treat-as-withdraw. Skip the check for
     * route servers, which do not prepend their AS (RFC 7947 §2.2.2.1). On a 2-octet session pass the AS in 4-octet
     * form after {@link As4#fromOldSpeaker}. Empty for UPDATEs without AS_PATH or without reachable routes.
     */
    public static Optional<DecodeError> leftmostAs(Update update, long peerAs) {
        if (update.reachable().isEmpty()) return Optional.empty();
        Optional<PathAttribute.AsPath> path = update.attribute(PathAttribute.AsPath.class);
        if (path.isEmpty()) return Optional.empty();
        List<AsPathSegment> segments = path.get().segments();
        boolean ok = !segments.isEmpty() && segments.getFirst().type() == AsPathSegment.Type.AS_SEQUENCE
                && segments.getFirst().asns().getFirst() == peerAs;
        if (ok) return Optional.empty();
        return Optional.of(DecodeError.update(ErrorAction.TREAT_AS_WITHDRAW, ErrorCodes.MALFORMED_AS_PATH, null,
                "leftmost AS of " + segments + " is not the peer AS " + peerAs + " (RFC 4271 §6.3, RFC 7606 §7.2)", null));
    }
}
