package dev.junction.model.policy;

import dev.junction.model.policy.PolicyChanges.Change;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The firewall's change tracker, the counterpart of {@link dev.junction.model.ClusterStore} for the service
 * proxy. It keeps every pod of the cluster (a policy's peers may run on any node), every namespace and every valid
 * NetworkPolicy; drops no-op updates; and remembers, per object, its value at the last {@link #takeChanges()} and
 * its value now, so that the compiler can tell what moved. Thread-safe: sources call in from their own threads,
 * the sync loop drains.
 *
 * <p>Every mutator returns true if the stored state changed, i.e. a sync is needed. It returns true even when the
 * change undoes one not yet taken (the pair is then dropped from the pending changes): the caller has already
 * asked for a sync, and asking again is coalesced by the runner.
 */
public final class PolicyStore {
    /** What has to sync before the firewall may program anything (a partial view would cut live traffic). */
    public enum Kind { PODS, NAMESPACES, NETWORK_POLICIES }

    private final Tracker<PodInfo> pods = new Tracker<>();
    private final Tracker<NamespaceInfo> namespaces = new Tracker<>();
    private final Tracker<NetworkPolicy> policies = new Tracker<>();
    private final Set<Kind> synced = EnumSet.noneOf(Kind.class);

    public synchronized boolean putPod(PodInfo pod) {
        return pods.put(pod.key(), pod);
    }

    public synchronized boolean removePod(String namespace, String name) {
        return pods.remove(key(namespace, name));
    }

    public synchronized boolean putNamespace(NamespaceInfo namespace) {
        return namespaces.put(namespace.name(), namespace);
    }

    public synchronized boolean removeNamespace(String name) {
        return namespaces.remove(Objects.requireNonNull(name));
    }

    public synchronized boolean putPolicy(NetworkPolicy policy) {
        return policies.put(policy.key(), policy);
    }

    public synchronized boolean removePolicy(String namespace, String name) {
        return policies.remove(key(namespace, name));
    }

    /** The source of {@code kind} has delivered its initial list. */
    public synchronized void markSynced(Kind kind) {
        synced.add(Objects.requireNonNull(kind));
    }

    /** True once pods, namespaces and policies have all delivered their initial lists. */
    public synchronized boolean allSynced() {
        return synced.size() == Kind.values().length;
    }

    /** Hands over what changed since the last call, with the full state of this moment, and forgets the changes. */
    public synchronized PolicyChanges takeChanges() {
        return new PolicyChanges(pods.take(), namespaces.take(), policies.take(), snapshot());
    }

    /** The full current state; pending changes stay pending. */
    public synchronized PolicySnapshot snapshot() {
        return new PolicySnapshot(pods.current, namespaces.current, policies.current);
    }

    /** Objects whose change waits for a sync (a gauge, like kube-proxy's *_changes_pending). */
    public synchronized int pendingChanges() {
        return pods.pending.size() + namespaces.pending.size() + policies.pending.size();
    }

    public synchronized int podCount() {
        return pods.current.size();
    }

    public synchronized int namespaceCount() {
        return namespaces.current.size();
    }

    public synchronized int policyCount() {
        return policies.current.size();
    }

    private static String key(String namespace, String name) {
        return Objects.requireNonNull(namespace) + "/" + Objects.requireNonNull(name);
    }

    /** One kind's objects and pending (previous, current) pairs; guarded by the store's lock. */
    private static final class Tracker<T> {
        /** Sorted, so that a snapshot copies it in linear time and in key order. */
        final Map<String, T> current = new TreeMap<>();
        final Map<String, Change<T>> pending = new HashMap<>();

        boolean put(String key, T value) {
            T old = current.put(key, Objects.requireNonNull(value));
            if (value.equals(old)) {
                return false;
            }
            record(key, old, value);
            return true;
        }

        boolean remove(String key) {
            T old = current.remove(key);
            if (old == null) {
                return false;
            }
            record(key, old, null);
            return true;
        }

        /** Folds this change into the pending one: the previous value stays the one of the last take. */
        private void record(String key, T old, T now) {
            Change<T> earlier = pending.get(key);
            T previous = earlier == null ? old : earlier.previous();
            if (Objects.equals(previous, now)) {
                pending.remove(key); // back to what the last sync saw: nothing to do for it
            } else {
                pending.put(key, new Change<>(previous, now));
            }
        }

        Map<String, Change<T>> take() {
            Map<String, Change<T>> out = new HashMap<>(pending);
            pending.clear();
            return out;
        }
    }
}
