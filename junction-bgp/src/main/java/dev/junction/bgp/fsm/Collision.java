package dev.junction.bgp.fsm;

import dev.junction.bgp.wire.ErrorCodes;
import dev.junction.bgp.wire.Notification;
import dev.junction.bgp.wire.Open;

/**
 * Connection collision (RFC 4271 §6.8): a second connection with the same peer while the session's connection is
 * in OpenSent, OpenConfirm or Established. We send our OPEN on it and hold it as the candidate until its OPEN
 * arrives, then keep one of the two. The rule is BIRD's reading of §6.8 with RFC 6286 §2.3: the speaker with the
 * higher BGP Identifier (on a tie, the higher AS) is dominant, and the connection it initiated survives; the other
 * is closed with Cease / Connection Collision Resolution (RFC 4486). Against an Established session the new
 * connection always loses (§6.8), unless Graceful Restart was negotiated: then the new connection means the
 * peer restarted, and it replaces the old session (RFC 4724 §4.2).
 */
final class Collision {
    private Connection candidate;
    private Open candidateLocalOpen;

    boolean present() {
        return candidate != null;
    }

    boolean owns(Connection c) {
        return candidate != null && candidate == c;
    }

    /** A new connection while the session has one: it becomes the candidate (or is refused if there already is one). */
    Transition offer(Fsm fsm, Connection c) {
        if (candidate != null) {
            fsm.actions.close(c);
            return fsm.stay(Reason.IGNORED);
        }
        candidate = c;
        candidateLocalOpen = fsm.newOpen();
        fsm.actions.send(c, candidateLocalOpen);
        fsm.timers.start(TimerKind.CANDIDATE_OPEN, fsm.config.openWait());
        return fsm.stay(Reason.TCP_CONNECTED);
    }

    /** An event on the candidate connection. Anything but its OPEN ends it; the session is untouched. */
    Transition handle(Fsm fsm, Event event) {
        return switch (event) {
            case Event.OpenReceived o -> resolve(fsm, o.open());
            case Event.DecodeFailed d -> {
                fsm.actions.send(candidate, d.error().toNotification());
                yield drop(fsm, null);
            }
            case Event.KeepaliveReceived k -> drop(fsm, new Notification(ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_SENT));
            case Event.UpdateReceived u -> drop(fsm, new Notification(ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_SENT));
            case Event.RouteRefreshReceived r -> drop(fsm, new Notification(ErrorCodes.FSM, ErrorCodes.FSM_UNEXPECTED_IN_OPEN_SENT));
            default -> drop(fsm, null); // closed by the peer, NOTIFICATION received
        };
    }

    /** The candidate's OPEN did not come in time (RFC 4271 §8.2.2 OpenSent, HoldTimer_Expires). */
    Transition openTimeout(Fsm fsm) {
        return candidate == null ? fsm.stay(Reason.IGNORED)
                : drop(fsm, new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0));
    }

    Transition drop(Fsm fsm, Notification send) {
        if (candidate != null) {
            if (send != null) fsm.actions.send(candidate, send);
            fsm.actions.close(candidate);
        }
        candidate = null;
        candidateLocalOpen = null;
        fsm.timers.stop(TimerKind.CANDIDATE_OPEN);
        return fsm.stay(Reason.COLLISION);
    }

    /** The session's connection went away: the candidate, whose OPEN is out, carries on in OpenSent. */
    Transition promote(Fsm fsm, Reason reason) {
        take(fsm);
        return Transition.to(State.OPEN_SENT, reason);
    }

    private void take(Fsm fsm) {
        fsm.connection = candidate;
        fsm.localOpen = candidateLocalOpen;
        fsm.negotiated = null;
        candidate = null;
        candidateLocalOpen = null;
        fsm.timers.stop(TimerKind.CANDIDATE_OPEN);
        fsm.timers.start(TimerKind.HOLD, fsm.config.openWait());
    }

    private Transition resolve(Fsm fsm, Open open) {
        Notification collision = new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_CONNECTION_COLLISION);
        switch (fsm.state()) {
            case OPEN_SENT -> {
                // The session's connection has no OPEN yet, so nothing to compare: the candidate goes ahead to
                // OpenConfirm and the old connection becomes the candidate. If its OPEN arrives, the rule applies.
                Connection old = fsm.connection;
                Open oldOpen = fsm.localOpen;
                fsm.timers.stop(TimerKind.HOLD);
                take(fsm);
                candidate = old;
                candidateLocalOpen = oldOpen;
                fsm.timers.start(TimerKind.CANDIDATE_OPEN, fsm.config.openWait());
                return fsm.processOpen(open);
            }
            case OPEN_CONFIRM -> {
                if (keepCandidate(fsm, open)) {
                    fsm.dropConnection(Reason.COLLISION, collision, null);
                    take(fsm);
                    return fsm.processOpen(open);
                }
                drop(fsm, collision);
                return fsm.stay(Reason.COLLISION);
            }
            case ESTABLISHED -> {
                if (fsm.negotiated.localGracefulRestart().isPresent() && fsm.negotiated.peerGracefulRestart().isPresent()) {
                    // RFC 4724 §4.2: the restarting peer's new connection; the old session ends as if its TCP
                    // connection had failed, so the peer's routes are kept as stale.
                    fsm.dropConnection(Reason.PEER_RESTARTED, null, null);
                    take(fsm);
                    return fsm.processOpen(open);
                }
                drop(fsm, collision);
                return fsm.stay(Reason.COLLISION);
            }
            default -> {
                drop(fsm, collision);
                return fsm.stay(Reason.COLLISION);
            }
        }
    }

    /**
     * RFC 4271 §6.8: "the local system closes the BGP connection that already exists ... and accepts the BGP
     * connection initiated by the remote system" if the local identifier is lower, else the reverse; i.e. keep the
     * connection the dominant speaker initiated. RFC 6286 §2.3: equal identifiers (possible between ASes) are broken
     * by AS number.
     */
    private boolean keepCandidate(Fsm fsm, Open open) {
        long local = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(fsm.config.routerId().getAddress()).getInt());
        long remote = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(open.bgpId().getAddress()).getInt());
        boolean peerDominant = local < remote || (local == remote && fsm.config.localAsn() < open.asNumber());
        return peerDominant == candidate.inbound();
    }
}
