/**
 * The speaker: configuration, sessions and RIB glued together.
 *
 * <pre>
 *   SpeakerConfig --Speaker--> Listener (shared) + PeerSession per peer (own mailbox, FSM, connections)
 *                          --> RoutingEngine on the engine mailbox --> Rib (Adj-RIB-In, Loc-RIB, Adj-RIB-Out)
 *   PeerSession upcalls (established, update, down, route refresh) are posted to the engine; the engine's
 *   UPDATEs are posted back to the peer with the session epoch they were computed for.
 * </pre>
 * {@link dev.junction.bgp.speaker.RoutingEngine} is pure logic on injected time, unit-tested on virtual time:
 * initial table then End-of-RIB (RFC 4724 §2), RFC 7606 actions, withdraw on session down, graceful restart as
 * helper and as restarting speaker ({@link dev.junction.bgp.speaker.GracefulRestartState}, RFC 4724 §4, RFC 8538).
 * {@link dev.junction.bgp.speaker.SpeakerMain} runs a speaker from a text configuration ({@link
 * dev.junction.bgp.speaker.ConfigParser}) with a line protocol on stdin.
 */
package dev.junction.bgp.speaker;
