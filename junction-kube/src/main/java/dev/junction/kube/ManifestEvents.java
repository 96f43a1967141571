package dev.junction.kube;

import dev.junction.model.ClusterStore;
import dev.junction.model.policy.PolicyStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where a {@link ManifestSource} sends its add, update and delete events: the service proxy's feeder, the
 * firewall's, or both. Which kinds a folder is read for follows from which feeders are there, so that a proxy-only
 * agent keeps skipping Pods in its manifests exactly as before the firewall existed.
 *
 * @param feeder null when the service proxy is off
 * @param policies null when the firewall is off
 */
record ManifestEvents(StoreFeeder feeder, PolicyFeeder policies) {
    ManifestEvents {
        if (feeder == null && policies == null) {
            throw new IllegalArgumentException("a manifest source needs a StoreFeeder, a PolicyFeeder or both");
        }
    }

    /** The {@link Rejections} kinds read from the folder. */
    Set<String> kinds() {
        Set<String> out = new LinkedHashSet<>();
        if (feeder != null) {
            out.addAll(Set.of(Rejections.SERVICE, Rejections.ENDPOINT_SLICE, Rejections.NODE));
        }
        if (policies != null) {
            out.addAll(Set.of(Rejections.POD, Rejections.NAMESPACE, Rejections.NETWORK_POLICY));
        }
        return out;
    }

    /** The folder has been read completely: every kind it serves has its initial list. */
    void synced() {
        if (feeder != null) {
            for (ClusterStore.Kind kind : ClusterStore.Kind.values()) {
                feeder.onSynced(kind);
            }
        }
        if (policies != null) {
            for (PolicyStore.Kind kind : PolicyStore.Kind.values()) {
                policies.onSynced(kind);
            }
        }
    }

    /** add: old is null; delete: now is null; update otherwise. Only kinds of {@link #kinds()} arrive here. */
    void dispatch(HasMetadata old, HasMetadata now) {
        switch (now == null ? old : now) {
            case Service s when old == null -> feeder.onServiceAdd(s);
            case Service s when now == null -> feeder.onServiceDelete(s);
            case Service s -> feeder.onServiceUpdate((Service) old, s);
            case EndpointSlice s when old == null -> feeder.onSliceAdd(s);
            case EndpointSlice s when now == null -> feeder.onSliceDelete(s);
            case EndpointSlice s -> feeder.onSliceUpdate((EndpointSlice) old, s);
            case Node n when old == null -> feeder.onNodeAdd(n);
            case Node n when now == null -> feeder.onNodeDelete(n);
            case Node n -> feeder.onNodeUpdate((Node) old, n);
            case Pod p when old == null -> policies.onPodAdd(p);
            case Pod p when now == null -> policies.onPodDelete(p);
            case Pod p -> policies.onPodUpdate((Pod) old, p);
            case Namespace n when old == null -> policies.onNamespaceAdd(n);
            case Namespace n when now == null -> policies.onNamespaceDelete(n);
            case Namespace n -> policies.onNamespaceUpdate((Namespace) old, n);
            case NetworkPolicy p when old == null -> policies.onNetworkPolicyAdd(p);
            case NetworkPolicy p when now == null -> policies.onNetworkPolicyDelete(p);
            case NetworkPolicy p -> policies.onNetworkPolicyUpdate((NetworkPolicy) old, p);
            default -> throw new IllegalStateException("the parser let through a " + (now == null ? old : now).getKind());
        }
    }
}
