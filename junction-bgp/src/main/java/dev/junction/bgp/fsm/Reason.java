package dev.junction.bgp.fsm;

/**
 * Why a transition happened, named after the RFC 4271 §8.1 events (in the style of GoBGP's {@code fsmStateReason}).
 * Kept on every {@link Transition} so that logs and metrics can say why a session went down.
 */
public enum Reason {
    MANUAL_START,
    MANUAL_STOP,
    /** The IdleHold timer expired: automatic start with damped peer oscillations (RFC 4271 §8.1.1, events 3 and 13). */
    AUTOMATIC_START,
    CONNECT_RETRY_EXPIRED,
    TCP_CONNECTED,
    TCP_FAILED,
    OPEN_RECEIVED,
    /** The OPEN was malformed or failed a configuration check (event 22, BGPOpenMsgErr). */
    OPEN_ERROR,
    /** A message failed decoding with a session reset (events 21 and 28). */
    DECODE_ERROR,
    KEEPALIVE_RECEIVED,
    UPDATE_RECEIVED,
    NOTIFICATION_RECEIVED,
    HOLD_TIMER_EXPIRED,
    KEEPALIVE_TIMER_EXPIRED,
    /** A message not allowed in the state (RFC 6608 FSM Error). */
    FSM_ERROR,
    /** This connection lost a collision (RFC 4271 §6.8). */
    COLLISION,
    /** A new connection from a graceful-restart peer replaced the Established one (RFC 4724 §4.2). */
    PEER_RESTARTED,
    /** An internal failure while handling this peer; the session is reset, other peers are unaffected. */
    INTERNAL_ERROR,
    /** The event changed nothing (stale timer, unrelated connection, ignored message). */
    IGNORED
}
