/**
 * {@code junction sandbox}: a throw-away Kubernetes node (or several) in network namespaces, with the real agent
 * on each and the sandbox playing the control plane.
 *
 * <p>How the pieces fit:
 * <pre>
 *  scenario folder ──ScenarioLoader──▶ Scenario (objects + ProbesFile)
 *        objects ──▶ ClusterState ── ServiceDefaults (API server), pod IPs/status (kubelet), NodeFactory,
 *                        │            EndpointSliceController (pure)
 *                        │        ──▶ ManifestFolder (atomic files) ──▶ agent
 *                        ▼
 *                   PodRuntime ── Topology (namespaces, bridge, veths) + PodServer (pod_server.py per pod)
 *  probes ──▶ ProbeRunner ── ProbeClient (probe_client.py in the source ns) ──▶ ProbeJudge (pure)
 *  NodeLayout: which nodes are real and their addresses (SandboxNode); one node, or nodes: behind a wire
 *  Agents / AgentProcess: one agent JVM per node namespace, healthz wait, kill -9, restart
 *  BirdRouter (optional external BGP router in the wire), MeshConvergence (waits for the pod routes)
 *  OwnedResources: every namespace and process created, released by Sandbox.close() and a shutdown hook
 * </pre>
 * {@link dev.junction.agent.sandbox.Sandbox} is the Java API (kernel-lane tests);
 * {@link dev.junction.agent.sandbox.SandboxCommand} is the CLI over it. The address plan is in
 * {@link dev.junction.agent.sandbox.SandboxNetwork}; the user-facing description is
 * {@code examples/sandbox/README.md}.
 */
package dev.junction.agent.sandbox;
