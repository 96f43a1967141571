package dev.junction.bgp.fsm;

/**
 * What the FSM knows about a transport connection: who opened it. Identity matters: events name the connection
 * they come from, and the FSM ignores events from connections it no longer owns (a message still queued from a
 * connection it closed, for example). Implemented by the session layer's TCP connection and by test fakes.
 */
public interface Connection {
    /** True if the peer opened it (we accepted), false if we connected out. */
    boolean inbound();

    /**
     * Lets the reader accept messages up to 65535 octets once Extended Messages are negotiated (RFC 8654 §4). The
     * FSM calls it before sending the KEEPALIVE that lets the peer send them.
     */
    default void extendedMessages(boolean enabled) {
    }
}
