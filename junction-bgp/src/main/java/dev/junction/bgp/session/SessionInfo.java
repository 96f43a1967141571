package dev.junction.bgp.session;

import dev.junction.bgp.fsm.Negotiated;

import java.net.InetSocketAddress;

/**
 * An Established session as the routing layer sees it.
 *
 * @param epoch counts the peer's sessions; updates and sends carry it so that nothing crosses from one session to
 *              the next
 * @param local our end of the connection: the address we announce as NEXT_HOP
 */
public record SessionInfo(long epoch, Negotiated negotiated, InetSocketAddress local, InetSocketAddress remote) {
}
