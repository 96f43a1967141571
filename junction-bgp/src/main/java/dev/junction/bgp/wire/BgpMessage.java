package dev.junction.bgp.wire;

/**
 * A decoded BGP message (RFC 4271 §4). Values only: no I/O, no session state. {@link MessageCodec} turns frames
 * into messages and messages into bytes.
 */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
    MessageType type();
}
