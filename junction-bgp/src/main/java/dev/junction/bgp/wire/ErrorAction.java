package dev.junction.bgp.wire;

/**
 * What the receiver does about a decode problem: the four approaches of RFC 7606 §2, declared from the strongest
 * to the weakest, so that {@link #compareTo} orders them as RFC 7606 §3 (h) needs ("the approach with the
 * strongest action MUST be used").
 */
public enum ErrorAction {
    /** Send the NOTIFICATION and close the session (RFC 4271 §6; RFC 7606 §2 "session reset"). */
    SESSION_RESET,
    /**
     * Ignore the AFI/SAFI for the rest of the session and drop its routes (RFC 4760 §7; RFC 7606 §2 "AFI/SAFI
     * disable"). The FSM may choose a session reset instead; the error carries the NOTIFICATION for that.
     */
    AFI_SAFI_DISABLE,
    /** Handle every route of the UPDATE as withdrawn (RFC 7606 §2 "treat-as-withdraw"). */
    TREAT_AS_WITHDRAW,
    /** Drop the attribute and go on with the UPDATE (RFC 7606 §2 "attribute discard"). */
    ATTRIBUTE_DISCARD;

    /** The stronger of the two (RFC 7606 §3 (h)). */
    public ErrorAction strongest(ErrorAction other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }
}
