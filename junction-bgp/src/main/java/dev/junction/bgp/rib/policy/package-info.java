/**
 * Import and export policy as a small data model: a {@link dev.junction.bgp.rib.policy.Policy} is an ordered list of
 * {@link dev.junction.bgp.rib.policy.Term}s, each a set of {@link dev.junction.bgp.rib.policy.Condition}s (prefix
 * list with ge/le, community, AS in path) and {@link dev.junction.bgp.rib.policy.Action}s (reject, local preference,
 * MED, communities set/add, AS-path prepend, next-hop self). First matching term decides; pure functions of the
 * route, so a policy can be evaluated in tests without a session.
 */
package dev.junction.bgp.rib.policy;
