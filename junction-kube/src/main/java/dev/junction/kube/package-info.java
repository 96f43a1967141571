/**
 * Kubernetes sources: where the proxy's view of the cluster comes from, translated into
 * {@code dev.junction.model} records at this edge so that no fabric8 type travels further.
 *
 * <pre>
 *   InformerSource (API server)  ─┐                       ┌─ ServiceConverter ─┐
 *                                 ├─► StoreFeeder ─ convert ─ EndpointSliceConverter ─► ClusterStore ─► requestSync
 *   ManifestSource (a folder)    ─┤        │              └─ NodeConverter ──────┘   (only if it changed)
 *                                 │        └─► Rejections (log and count what was refused or dropped)
 *                                 │                       ┌─ PodConverter ─────────┐
 *                                 └─► PolicyFeeder ─ convert ─ NamespaceConverter ───► PolicyStore ─► requestSync
 *                                     (the firewall)      └─ NetworkPolicyConverter ┘
 * </pre>
 *
 * <p>Converters are pure and never throw: each returns a {@link dev.junction.kube.Conversion} (Accepted with
 * warnings, Ignored, or Rejected with a reason naming the field). The feeder's handlers are thin and never throw
 * (conventions §8 item 2); the store drops no-op updates (§8 item 3). Both sources mark every kind synced only
 * once the store holds their complete initial state, so the runner never programs a partial view.
 *
 * <p>Wiring in the agent:
 *
 * <pre>{@code
 * ClusterStore store = new ClusterStore(NodeNames.resolve(hostnameOverride));
 * StoreFeeder feeder = new StoreFeeder(store, serviceOptions, rejections, runner::requestSync);
 * KubernetesClient client = ClusterAccess.connect(kubeconfig, master);
 * InformerSource informers = new InformerSource(client, feeder, cacheSyncTimeout);
 * informers.start();                 // or: new ManifestSource(folder, feeder, rejections).start();
 * ...
 * informers.close(); client.close();
 * }</pre>
 *
 * <p>With the firewall, a second feeder for the same sources (either feeder may be null, not both):
 *
 * <pre>{@code
 * PolicyStore policyStore = new PolicyStore();
 * PolicyFeeder policies = new PolicyFeeder(policyStore, rejections, firewall::requestSync);
 * InformerSource informers = new InformerSource(client, feeder, policies, cacheSyncTimeout);
 * // or: new ManifestSource(folder, feeder, policies, rejections, ManifestSource.DEFAULT_POLL_INTERVAL)
 * }</pre>
 */
package dev.junction.kube;
