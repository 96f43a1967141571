/**
 * The routing information bases (RFC 4271 §3.2, §9) for a small set of peers: what a pod-routing speaker needs,
 * kept as plain maps owned by one thread (BIRD's point that a speaker needs no "complex central BGP table").
 *
 * <h2>Flow</h2>
 * <pre>
 *   UPDATE routes --ImportChecks (AS loop, ORIGINATOR_ID, CLUSTER_LIST)--> import Policy --> AdjRibIn (per peer)
 *        --> LocRib: candidates per prefix --DecisionProcess--> best  --> BestPathListener(prefix, old, new)
 *        --> per Established peer: ExportRules (iBGP/eBGP, reflection, NO_EXPORT) --> export Policy
 *        --> AdjRibOut (per peer, diffed) --> pending changes --UpdatePacker--> UPDATE messages
 * </pre>
 * {@link dev.junction.bgp.rib.Rib} glues these together; the speaker's routing engine calls it.
 *
 * <h2>Decision process</h2>
 * An ordered list of pure {@link dev.junction.bgp.rib.DecisionStep}s (GoBGP's comparator chain), applied by
 * elimination as RFC 4271 §9.1.2.2 describes, recording the {@link dev.junction.bgp.rib.Step} that removed each
 * loser; {@link dev.junction.bgp.rib.LocRib#explain} returns it as an {@link dev.junction.bgp.rib.Explanation}.
 * Steps: LOCAL_PREF, AS_PATH length, ORIGIN, MED (same neighbour AS unless always-compare), external over internal,
 * IGP cost (a function; constant without an IGP), oldest external (RFC 5004, optional), router id or
 * ORIGINATOR_ID, CLUSTER_LIST length (RFC 4456 §9), neighbour address. Next hops are not checked for
 * reachability (no IGP here); every route is feasible unless a loop check removed it.
 *
 * <h2>RFCs</h2>
 * RFC 4271 §5.1 (attribute rules per peer type), §9.1–9.2; RFC 4456 (reflection as server; client behaviour is the
 * ORIGINATOR_ID/CLUSTER_LIST loop checks); RFC 1997 well-known communities; RFC 4724 §4.1–4.2 (stale routes,
 * deferred selection); RFC 2918 §4 (re-send on refresh); RFC 6793 §4.2.2 on 2-octet sessions.
 */
package dev.junction.bgp.rib;
