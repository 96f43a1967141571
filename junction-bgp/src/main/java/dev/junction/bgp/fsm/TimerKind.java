package dev.junction.bgp.fsm;

/** The FSM's timers (RFC 4271 §8.1.3 and §10), plus one for a colliding connection's OPEN. */
public enum TimerKind {
    /** ConnectRetryTimer: retry the outbound connection; its time grows by {@link Backoff}. */
    CONNECT_RETRY,
    /** HoldTimer: the peer has been silent too long (RFC 4271 §4.4). */
    HOLD,
    /** KeepaliveTimer: time to send a KEEPALIVE (RFC 4271 §4.4). */
    KEEPALIVE,
    /** IdleHoldTimer: automatic restart after a failure, damped (RFC 4271 §8.1.1 DampPeerOscillations). */
    IDLE_HOLD,
    /** How long a second, colliding connection may take to deliver its OPEN (RFC 4271 §6.8, §8.2.2 "4 minutes"). */
    CANDIDATE_OPEN
}
