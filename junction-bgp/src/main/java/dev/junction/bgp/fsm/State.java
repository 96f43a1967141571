package dev.junction.bgp.fsm;

/** The six session states of RFC 4271 §8.2.2. */
public enum State {
    /** Refuses connections; waits for a start event (manual, or automatic after the IdleHold timer). */
    IDLE,
    /** An outbound TCP connection is in progress. */
    CONNECT,
    /** Waits for an inbound connection (and, unless passive, for the ConnectRetry timer to try again). */
    ACTIVE,
    /** OPEN sent on the session's connection, waiting for the peer's OPEN. */
    OPEN_SENT,
    /** OPEN received and KEEPALIVE sent, waiting for the peer's KEEPALIVE. */
    OPEN_CONFIRM,
    /** Routes are exchanged. */
    ESTABLISHED
}
