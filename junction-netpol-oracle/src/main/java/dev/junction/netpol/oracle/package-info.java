/**
 * NetworkPolicy oracle: a second, independent implementation of Kubernetes NetworkPolicy semantics, written from
 * the API documentation (the networking.k8s.io/v1 API reference and the "Network Policies" concept page) for
 * checking the firewall compiler. It shares no code with the compiler and depends on no other Junction module.
 *
 * <h2>Use</h2>
 * {@link dev.junction.netpol.oracle.PolicyOracle} takes fabric8 Pods, Namespaces, NetworkPolicies and the
 * {@link dev.junction.netpol.oracle.LocalNode}; {@code decide(from, to, port, protocol)} returns a
 * {@link dev.junction.netpol.oracle.Verdict} whose {@code explain()} says, for the source's egress and the
 * destination's ingress separately, which policies select the pod and which rule, peer and port entry matched.
 * {@link dev.junction.netpol.oracle.RandomPolicies} generates seeded
 * {@link dev.junction.netpol.oracle.Scenario}s that print as replayable YAML.
 *
 * <h2>Semantics (API reference unless marked as a decision)</h2>
 * <ol>
 *   <li>A flow is allowed only if the source's egress and the destination's ingress both allow it.</li>
 *   <li>A pod selected by no policy for a direction is open in that direction. Policies select pods of their own
 *       namespace; an empty or absent {@code podSelector} selects all of them. Policies are a union.</li>
 *   <li>{@code policyTypes} when absent or empty: Ingress always, Egress if the policy has at least one egress
 *       rule. When present, rules of a direction it does not list are ignored.</li>
 *   <li>{@code ingress: [{}]} allows everything; {@code ingress: []} or absent, with the policy affecting ingress,
 *       allows nothing (the pod is isolated). Egress alike.</li>
 *   <li>A rule matches if a {@code from}/{@code to} entry matches (an empty list matches every peer) and a
 *       {@code ports} entry matches (an empty list matches every port and protocol).</li>
 *   <li>Peers: {@code podSelector} alone = those pods in the policy's namespace; {@code namespaceSelector} alone =
 *       all pods in matching namespaces; both in one entry = matching pods in matching namespaces (AND; two entries
 *       are an OR). Every namespace carries {@code kubernetes.io/metadata.name} (added when the object lacks it).</li>
 *   <li><b>Decision: ipBlock matches by address for every end</b> - pod-network pods, host-network pods, the
 *       node and external addresses. Upstream says ipBlock is meant for cluster-external IPs and leaves pod IPs
 *       implementation-defined; kube-router and Calico match pod IPs too, and so does this oracle. The address is
 *       in {@code cidr} and in no {@code except}.</li>
 *   <li>Ports: protocol defaults to TCP; TCP, UDP and SCTP; {@code endPort} makes the range
 *       [{@code port}, {@code endPort}]; a named port resolves against the <em>destination</em> pod's
 *       {@code spec.containers[*].ports} by name and protocol, and matches nothing for a destination that does not
 *       declare it (or is not a pod-network pod).</li>
 *   <li>IPv4 and IPv6: a flow uses one family; ipBlocks of the other family never match it. The 4-argument
 *       {@code decide} takes IPv4 when both ends have it, else IPv6; an end without an address of the flow's
 *       family is unreachable.</li>
 *   <li><b>Decision, host network:</b> a host-network pod is not policed, its own ingress and egress are open
 *       (upstream: behaviour undefined). At the other end it is seen as traffic of its node's address (upstream's
 *       "treated as node traffic" option): selectors do not match it, ipBlock matches its address, and when it runs
 *       on the local node its traffic to local pods is node traffic (allowed).</li>
 *   <li><b>Decision, node traffic:</b> traffic from the local node ({@link dev.junction.netpol.oracle.Peer#node()})
 *       to a pod on it is always allowed, whatever selects the pod (API reference, ingress: "or if the traffic source
 *       is the pod's local node"; kubelet probes). The node itself is not policed. Traffic from the node to a pod on
 *       another node is judged by that pod's ingress by address. Traffic from a pod to the node is judged by the
 *       pod's egress (the API reference's egress text has no node clause, so ipBlock must allow the node's IP).</li>
 *   <li>A pod cannot block access to itself (concept page): a pod to itself is allowed.</li>
 *   <li>A pod without an IP yet is unreachable: a flow to or from it is denied.</li>
 *   <li>An invalid policy is reported by {@code invalidPolicies()} and ignored entirely (the rules are listed in
 *       {@code PolicyValidator}: bad CIDR, except outside its cidr, unknown protocol, endPort below port, endPort
 *       with a named or absent port, bad selectors, empty or mixed peers, bad policyTypes).</li>
 * </ol>
 * Out of scope: Services (ask about the pod behind one), connection state (replies), ICMP, AdminNetworkPolicy.
 */
package dev.junction.netpol.oracle;
