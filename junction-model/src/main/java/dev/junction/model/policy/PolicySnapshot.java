package dev.junction.model.policy;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the firewall compiles from, at one instant: a policy's peers may be any pod of the cluster, so the
 * compiler always needs the whole picture, not only what changed.
 *
 * @param pods every pod of the cluster by {@code namespace/name}, sorted
 * @param namespaces every namespace by name, sorted
 * @param policies every valid NetworkPolicy by {@code namespace/name}, sorted
 */
public record PolicySnapshot(
        Map<String, PodInfo> pods, Map<String, NamespaceInfo> namespaces, Map<String, NetworkPolicy> policies) {
    public static final PolicySnapshot EMPTY = new PolicySnapshot(Map.of(), Map.of(), Map.of());

    public PolicySnapshot {
        pods = sorted(pods);
        namespaces = sorted(namespaces);
        policies = sorted(policies);
    }

    /** Sorted so that whatever the compiler derives from it comes out in a deterministic order. */
    private static <T> Map<String, T> sorted(Map<String, T> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
