package dev.junction.model.policy;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed since the last {@link PolicyStore#takeChanges()}, as (previous, current) pairs: several updates of
 * one object between two takes are folded into one pair, and a pair whose ends are equal (added then removed,
 * changed then changed back) is left out.
 *
 * @param pods changed pods by {@code namespace/name}, sorted
 * @param namespaces changed namespaces by name, sorted
 * @param policies changed policies by {@code namespace/name}, sorted
 * @param snapshot the full state at the moment of the take, taken atomically with the changes so that the two
 *     always agree
 */
public record PolicyChanges(Map<String, Change<PodInfo>> pods, Map<String, Change<NamespaceInfo>> namespaces,
        Map<String, Change<NetworkPolicy>> policies, PolicySnapshot snapshot) {

    /**
     * One object's change.
     *
     * @param previous the object as it was at the last take, or null if it did not exist
     * @param current the object as it is now, or null if it is gone
     */
    public record Change<T>(T previous, T current) {
        public Change {
            if (previous == null && current == null) {
                throw new IllegalArgumentException("a change needs a previous or a current value");
            }
        }

        public boolean added() {
            return previous == null;
        }

        public boolean removed() {
            return current == null;
        }

        public boolean updated() {
            return previous != null && current != null;
        }
    }

    public PolicyChanges {
        pods = sorted(pods);
        namespaces = sorted(namespaces);
        policies = sorted(policies);
    }

    public boolean isEmpty() {
        return pods.isEmpty() && namespaces.isEmpty() && policies.isEmpty();
    }

    /** True if a pod appeared, vanished, or changed labels (the only pod field selectors look at). */
    public static boolean labelsChanged(Change<PodInfo> c) {
        return !c.updated() || !c.previous().labels().equals(c.current().labels());
    }

    /** True if a pod appeared, vanished, or changed addresses (what peer sets hold). */
    public static boolean ipsChanged(Change<PodInfo> c) {
        return !c.updated() || !c.previous().ips().equals(c.current().ips());
    }

    private static <T> Map<String, T> sorted(Map<String, T> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
