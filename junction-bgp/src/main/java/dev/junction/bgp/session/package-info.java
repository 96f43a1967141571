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
 * <p>Limits: eBGP multihop TTL needs a unicast IP_TTL socket option, which JDK 25 lacks, so the kernel default
 * (64) is used and single-hop TTL 1 / GTSM are not enforced ({@code SocketOptions}). TCP-MD5 (RFC 2385) is a
 * later step behind {@link dev.junction.bgp.session.SocketFactory}: an FFM implementation calling
 * {@code setsockopt(TCP_MD5SIG)} on the connecting and listening sockets; the java.net factory refuses a password.
 */
package dev.junction.bgp.session;
