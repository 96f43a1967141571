/**
 * The BGP wire layer: framing, messages and path attributes as values, and their codec. No sockets, no timers,
 * no session state; the FSM above decides what to do with the values this package returns.
 *
 * <h2>Layers</h2>
 * <pre>
 *   bytes --Framer--> Frame --MessageCodec.decode(frame, DecodeContext)--> DecodeResult
 *                                                                            Ok(BgpMessage, problems) | Failure(DecodeError)
 *   BgpMessage --MessageCodec.encode(message, EncodeContext)--> bytes
 * </pre>
 * {@link dev.junction.bgp.wire.Framer} cuts messages out of the stream and reports Message Header Errors.
 * {@link dev.junction.bgp.wire.MessageCodec} dispatches to one codec per message ({@code OpenCodec},
 * {@code UpdateCodec}, {@code RouteRefreshCodec}); UPDATE attributes go through {@code AttributeTable}, a
 * registry in the style of BIRD's attribute table with one row per type: flags, RFC 7606 action, codec. The codecs
 * are split by attribute family ({@code CoreAttributes}, {@code AsPathAttributes}, {@code AggregatorAttributes},
 * {@code CommunityAttributes}, {@code MpAttributes}).
 *
 * <h2>Errors are values</h2>
 * Decoding never throws on input. Each problem is a {@link dev.junction.bgp.wire.DecodeError}: the RFC 7606
 * action ({@link dev.junction.bgp.wire.ErrorAction}), the NOTIFICATION code, subcode and data, a reason citing
 * the RFC section, and for AFI/SAFI disable the family. A session reset comes back as
 * {@link dev.junction.bgp.wire.DecodeResult.Failure}; weaker actions ride along with the decoded UPDATE in
 * {@link dev.junction.bgp.wire.DecodeResult.Ok}. Encoding throws IllegalArgumentException for messages that
 * must not be sent (a caller bug).
 *
 * <h2>Supported RFCs</h2>
 * <ul>
 *   <li>RFC 4271 BGP-4: header, OPEN, UPDATE, NOTIFICATION, KEEPALIVE; §6.1–6.3 error checks</li>
 *   <li>RFC 5492 Capabilities Advertisement (Unsupported Capability via {@link dev.junction.bgp.wire.OpenChecks})</li>
 *   <li>Configuration-dependent checks as values: {@link dev.junction.bgp.wire.OpenChecks} (peer AS, identifier,
 *       hold time, required capabilities) and {@link dev.junction.bgp.wire.UpdateChecks} (leftmost AS)</li>
 *   <li>RFC 4760 Multiprotocol Extensions: MP_REACH_NLRI / MP_UNREACH_NLRI and the capability, IPv4 and IPv6
 *       unicast; RFC 2545 IPv6 next hop of 16 or 32 octets</li>
 *   <li>RFC 6793 4-octet AS numbers: capability, AS4_PATH, AS4_AGGREGATOR, AS_TRANS; {@link dev.junction.bgp.wire.As4}</li>
 *   <li>RFC 2918 Route Refresh; RFC 7313 Enhanced Route Refresh (capability, BoRR/EoRR subtypes, §5 errors)</li>
 *   <li>RFC 4724 Graceful Restart capability and End-of-RIB; RFC 8538 N bit and Hard Reset</li>
 *   <li>RFC 7606 Revised Error Handling for UPDATE messages</li>
 *   <li>RFC 8654 Extended Messages (capability and the 65535 limit)</li>
 *   <li>RFC 1997 COMMUNITIES; RFC 4456 ORIGINATOR_ID and CLUSTER_LIST; RFC 5065 confederation segment types</li>
 *   <li>RFC 4486 Cease subcodes; RFC 9003 Shutdown Communication; RFC 6608 FSM error subcodes (constants)</li>
 *   <li>RFC 6286 BGP Identifier rules; RFC 7607 AS 0; RFC 9072 extended optional parameters length</li>
 * </ul>
 * Not supported: ADD-PATH (RFC 7911), extended next hop (RFC 8950), ORF (RFC 5291), extended and large
 * communities (RFC 4360, RFC 8092, kept as unknown attributes), address families other than IPv4/IPv6 unicast.
 */
package dev.junction.bgp.wire;
