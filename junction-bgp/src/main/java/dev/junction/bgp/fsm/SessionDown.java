package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.Notification;

import java.util.Optional;

/**
 * An Established session ended. {@link #retainRoutes()} applies RFC 4724 §4.2 with RFC 8538 §4 to say whether the
 * peer's routes stay (as stale) instead of being withdrawn.
 *
 * @param sent     the NOTIFICATION we sent, if any
 * @param received the NOTIFICATION the peer sent, if any
 */
public record SessionDown(Reason reason, Negotiated negotiated, Optional<Notification> sent,
                          Optional<Notification> received) {

    /**
     * True if both sides advertised Graceful Restart and the session ended in a way that invokes it: the TCP connection
     * went away without a NOTIFICATION (RFC 4724 §4.2), the peer reconnected while the old session was still
     * Established (RFC 4724 §4.2, "new TCP connection"), or a NOTIFICATION other than Hard Reset was exchanged with
     * the N bit negotiated (RFC 8538 §4). A Hard Reset, or any NOTIFICATION without the N bit, means a normal
     * withdraw (RFC 8538 §3, RFC 4724 §4).
     */
    public boolean retainRoutes() {
        // Both sides advertised the capability (RFC 4724 §3), and it covers a family the session carries.
        if (negotiated.localGracefulRestart().isEmpty() || negotiated.helperFamilies().isEmpty()) return false;
        Optional<Notification> n = sent.isPresent() ? sent : received;
        if (n.isEmpty()) return true;
        return negotiated.gracefulNotification() && !n.get().isHardReset();
    }
}
