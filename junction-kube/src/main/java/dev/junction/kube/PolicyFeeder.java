package dev.junction.kube;

import dev.junction.model.policy.PolicyStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firewall's thin event handlers, beside {@link StoreFeeder} and with the same rules: convert, feed the
 * {@link PolicyStore}, and call {@code requestSync} only if the store reports a change (a pod's status heartbeat,
 * which changes nothing the firewall reads, costs nothing downstream).
 *
 * <ul>
 *   <li><b>Accepted</b>: put into the store; each warning is reported to {@link Rejections#warned}.
 *   <li><b>Ignored</b> (a pod that has finished): removed from the store, so its old address stops matching.
 *   <li><b>Rejected</b>: the store keeps the last valid version, if any, and the rejection is reported. Deleting it
 *       instead would let one bad edit of a policy open (or close) what it guarded.
 * </ul>
 *
 * <p>No handler ever throws (see {@link Guard}). Handlers may be called from several threads; the store is
 * thread-safe and the feeder keeps no state of its own.
 */
public final class PolicyFeeder {
    private static final Logger log = LoggerFactory.getLogger(PolicyFeeder.class);

    private final PolicyStore store;
    private final PodConverter pods;
    private final NamespaceConverter namespaces;
    private final NetworkPolicyConverter policies;
    private final Rejections rejections;
    private final Runnable requestSync;

    public PolicyFeeder(PolicyStore store, PodConverter pods, NamespaceConverter namespaces,
            NetworkPolicyConverter policies, Rejections rejections, Runnable requestSync) {
        this.store = Objects.requireNonNull(store);
        this.pods = Objects.requireNonNull(pods);
        this.namespaces = Objects.requireNonNull(namespaces);
        this.policies = Objects.requireNonNull(policies);
        this.rejections = Objects.requireNonNull(rejections);
        this.requestSync = Objects.requireNonNull(requestSync);
    }

    public PolicyFeeder(PolicyStore store, Rejections rejections, Runnable requestSync) {
        this(store, new PodConverter(), new NamespaceConverter(), new NetworkPolicyConverter(), rejections, requestSync);
    }

    public PolicyStore store() {
        return store;
    }

    public void onPodAdd(Pod p) {
        guarded(Rejections.POD, p, () -> applyPod(p));
    }

    public void onPodUpdate(Pod old, Pod p) {
        guarded(Rejections.POD, p, () -> applyPod(p));
    }

    public void onPodDelete(Pod p) {
        guarded(Rejections.POD, p, () -> store.removePod(Guard.namespace(p), Guard.name(p)));
    }

    public void onNamespaceAdd(Namespace n) {
        guarded(Rejections.NAMESPACE, n, () -> applyNamespace(n));
    }

    public void onNamespaceUpdate(Namespace old, Namespace n) {
        guarded(Rejections.NAMESPACE, n, () -> applyNamespace(n));
    }

    public void onNamespaceDelete(Namespace n) {
        guarded(Rejections.NAMESPACE, n, () -> store.removeNamespace(Guard.name(n)));
    }

    public void onNetworkPolicyAdd(NetworkPolicy p) {
        guarded(Rejections.NETWORK_POLICY, p, () -> applyPolicy(p));
    }

    public void onNetworkPolicyUpdate(NetworkPolicy old, NetworkPolicy p) {
        guarded(Rejections.NETWORK_POLICY, p, () -> applyPolicy(p));
    }

    public void onNetworkPolicyDelete(NetworkPolicy p) {
        guarded(Rejections.NETWORK_POLICY, p, () -> store.removePolicy(Guard.namespace(p), Guard.name(p)));
    }

    /**
     * The source of {@code kind} has delivered its complete initial list. Always requests a sync: the firewall
     * programs nothing until every kind has synced, and then needs one unconditional sync.
     */
    public void onSynced(PolicyStore.Kind kind) {
        try {
            store.markSynced(kind);
            log.info("{} synced{}", kind, store.allSynced() ? "; every firewall source has synced" : "");
            requestSync.run();
        } catch (Throwable t) {
            Guard.report(rejections, "Sync", "", kind.name(), t);
        }
    }

    private boolean applyPod(Pod p) {
        String ns = Guard.namespace(p);
        String name = Guard.name(p);
        return apply(Rejections.POD, ns, name, pods.convert(p), store::putPod, () -> store.removePod(ns, name));
    }

    private boolean applyNamespace(Namespace n) {
        String name = Guard.name(n);
        return apply(Rejections.NAMESPACE, "", name, namespaces.convert(n), store::putNamespace,
                () -> store.removeNamespace(name));
    }

    private boolean applyPolicy(NetworkPolicy p) {
        String ns = Guard.namespace(p);
        String name = Guard.name(p);
        return apply(Rejections.NETWORK_POLICY, ns, name, policies.convert(p), store::putPolicy,
                () -> store.removePolicy(ns, name));
    }

    /** One outcome → one store call; returns whether the store changed. */
    private <T> boolean apply(String kind, String namespace, String name, Conversion<T> result, Predicate<T> put,
            BooleanSupplier remove) {
        return switch (result) {
            case Conversion.Accepted<T>(var value, var warnings) -> {
                warnings.forEach(w -> rejections.warned(kind, namespace, name, w));
                yield put.test(value);
            }
            case Conversion.Ignored<T>(var reason) -> {
                log.debug("ignoring {} {}/{}: {}", kind, namespace, name, reason);
                yield remove.getAsBoolean();
            }
            case Conversion.Rejected<T>(var reason) -> {
                rejections.rejected(kind, namespace, name, reason);
                yield false;
            }
        };
    }

    private void guarded(String kind, HasMetadata obj, BooleanSupplier body) {
        Guard.run(kind, obj, body, requestSync, rejections);
    }
}
