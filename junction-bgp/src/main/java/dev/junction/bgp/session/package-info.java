/**
 * Transport for BGP sessions: blocking java.net sockets, one per connection, with a reader and a writer on virtual
 * threads ({@link dev.junction.bgp.session.TcpConnection}); active connects from a configurable local address and
 * port and a passive {@link dev.junction.bgp.session.Listener} shared by all peers, which hands each accepted
 * connection to the peer with that remote address and closes any other.
 *
 * <p>Ownership: each {@link dev.junction.bgp.session.PeerSession} owns its FSM on its own
 * {@link dev.junction.bgp.session.Mailbox}; sockets, listener and timers only post events to it, so a peer that
 * sends garbage, stops reading or trips a bug only ever resets its own session. Frames are decoded on the mailbox
 * with the negotiated context; writes are queued (bounded), never blocking the mailbox.
 *
 * <p>Sockets: {@link dev.junction.bgp.session.BgpSocket} hides which kind. java.net ({@link
 * dev.junction.bgp.session.PlainSocketFactory}) is the default; when a peer has a TCP-MD5 password (RFC 2385) or a
 * TTL, the speaker uses {@link dev.junction.bgp.session.linux.NativeSocketFactory}, raw Linux descriptors through
 * FFM with {@code setsockopt(TCP_MD5SIG)} on the connecting socket and on the shared listener (one key per peer
 * address) and {@code IP_TTL}/{@code IPV6_UNICAST_HOPS}. Its I/O runs on platform threads.
 */
package dev.junction.bgp.session;
