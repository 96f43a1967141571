/**
 * The BGP finite state machine of RFC 4271 §8, one instance per peer, with its timers and capability negotiation.
 * Pure and single-threaded: no sockets and no clock of its own. The session layer feeds it {@link
 * dev.junction.bgp.fsm.Event}s on the peer's owner thread and carries out its {@link dev.junction.bgp.fsm.FsmActions};
 * tests drive it on virtual time through an injected {@link dev.junction.bgp.fsm.Scheduler}.
 *
 * <h2>Layout</h2>
 * <pre>
 *   Event --Fsm.handle--> StateHandler (IdleState, ConnectingStates, OpenSentState, OpenConfirmState,
 *                                       EstablishedState) --> Transition(next, Reason)
 *                          Collision: the second connection of RFC 4271 §6.8
 *   Timers (generation-checked) over Scheduler; Backoff for ConnectRetry and IdleHold
 *   Negotiated: both OPENs --> hold/keepalive, families, 4-octet AS, extended messages, route refresh,
 *               graceful restart --> DecodeContext / EncodeContext for the wire layer
 * </pre>
 * Frames are decoded on the owner thread ({@link dev.junction.bgp.fsm.FrameEvents}), so the decode context is
 * always the one in force when the frame is handled. Decode errors arrive as values: a session reset becomes a
 * NOTIFICATION with the error's code, subcode and data; weaker RFC 7606 actions ride along with the UPDATE to the
 * routing layer.
 *
 * <h2>RFCs</h2>
 * RFC 4271 §4.4, §6.8, §8, §10 (timers: Hold Time 0 or at least 3 s, keepalive a third of it); RFC 6286 §2.2–2.3
 * (identifier checks, collision tie-break); RFC 6608 (FSM error subcodes); RFC 5492 (negotiation); RFC 4760,
 * RFC 6793, RFC 8654, RFC 2918 (negotiated features); RFC 4724 §4.2 and RFC 8538 §4–5 (when a session end keeps
 * routes; Hard Reset). Not implemented: DelayOpen, BFD, RFC 9687 send hold timer.
 */
package dev.junction.bgp.fsm;
