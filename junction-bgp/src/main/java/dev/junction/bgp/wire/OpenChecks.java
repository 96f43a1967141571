package dev.junction.bgp.wire;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OPEN checks of RFC 4271 §6.2 that depend on local configuration, as values. The decoder already rejected
 * what is wrong regardless of configuration (version, AS 0, hold time 1–2, identifier 0, unknown parameters).
 * Each method returns the session-reset error to send, or empty.
 */
public final class OpenChecks {
    private OpenChecks() {
    }

    /**
     * RFC 4271 §6.2: "If the Autonomous System field of the OPEN message is unacceptable, then the Error Subcode
     * MUST be set to Bad Peer AS." The peer AS is {@link Open#asNumber()} (RFC 6793 §4.1).
     */
    public static Optional<DecodeError> peerAs(Open open, long expectedAs) {
        if (open.asNumber() == expectedAs) return Optional.empty();
        return Optional.of(DecodeError.open(ErrorCodes.BAD_PEER_AS, null,
                "peer AS " + open.asNumber() + ", expected " + expectedAs + " (RFC 4271 §6.2)"));
    }

    /**
     * RFC 6286 §2.2: Bad BGP Identifier "if it is the same as the BGP Identifier of the local BGP speaker and the
     * message is from an internal peer".
     */
    public static Optional<DecodeError> bgpIdentifier(Open open, Inet4Address localId, boolean internalPeer) {
        if (!internalPeer || !open.bgpId().equals(localId)) return Optional.empty();
        return Optional.of(DecodeError.open(ErrorCodes.BAD_BGP_IDENTIFIER, null,
                "internal peer uses our BGP Identifier " + localId.getHostAddress() + " (RFC 6286 §2.2)"));
    }

    /**
     * RFC 4271 §6.2: "An implementation MAY reject any proposed Hold Time"; here any non-zero value below
     * {@code minimum} seconds is Unacceptable Hold Time.
     */
    public static Optional<DecodeError> holdTime(Open open, int minimum) {
        if (open.holdTime() == 0 || open.holdTime() >= minimum) return Optional.empty();
        return Optional.of(DecodeError.open(ErrorCodes.UNACCEPTABLE_HOLD_TIME, null,
                "hold time " + open.holdTime() + " below the local minimum " + minimum + " (RFC 4271 §6.2)"));
    }

    /**
     * RFC 5492 §5: the capabilities this speaker requires but the peer did not advertise, as Unsupported
     * Capability whose data "lists the set of capabilities that cause the speaker to send the message", each
     * encoded as in OPEN. A Multiprotocol capability must match its AFI/SAFI; any other matches by code.
     */
    public static Optional<DecodeError> requiredCapabilities(Open open, List<Capability> required) {
        List<Capability> missing = new ArrayList<>();
        for (Capability want : required) {
            boolean present = open.capabilities().stream().anyMatch(have -> want instanceof Capability.Multiprotocol
                    ? have.equals(want) : have.code() == want.code());
            if (!present) missing.add(want);
        }
        if (missing.isEmpty()) return Optional.empty();
        WireWriter w = new WireWriter();
        for (Capability c : missing) CapabilityCodec.encode(c, w);
        return Optional.of(DecodeError.open(ErrorCodes.UNSUPPORTED_CAPABILITY, w.toByteArray(),
                "peer lacks required capabilities " + missing + " (RFC 5492 §5)"));
    }
}
