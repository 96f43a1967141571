package dev.junction.firewall.compile;

import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.NamespaceInfo;
import dev.junction.model.policy.PodInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of pods a policy peer selects, independent of the policy it appears in: two policies with the same
 * peer share one nftables set. {@code namespace} is the policy's namespace when the peer has no
 * namespaceSelector (it then selects in that namespace only), null otherwise.
 */
record PeerKey(String namespace, LabelSelector namespaceSelector, LabelSelector podSelector) {
    /** Every pod of the cluster: the destinations a named port with an empty {@code to} may mean. */
    static final PeerKey ALL_PODS = new PeerKey(null, LabelSelector.EVERYTHING, LabelSelector.EVERYTHING);

    /** Whether the pod (in its namespace with these labels) is one of the peers. Host-network pods never are. */
    boolean matches(PodInfo pod, NamespaceInfo ns) {
        if (pod.hostNetwork()) {
            return false;
        }
        if (namespace != null && !namespace.equals(pod.namespace())) {
            return false;
        }
        // A namespace not (or no longer) known still has its name label: the API server sets it on every namespace.
        if (namespaceSelector != null && !namespaceSelector.matches(ns == null
                ? Map.of("kubernetes.io/metadata.name", pod.namespace()) : withName(ns))) {
            return false;
        }
        return podSelector == null || podSelector.matches(pod.labels());
    }

    /** The API server labels every namespace with its name; selectors may rely on it. */
    private static Map<String, String> withName(NamespaceInfo ns) {
        if (ns.labels().containsKey("kubernetes.io/metadata.name")) {
            return ns.labels();
        }
        Map<String, String> m = new TreeMap<>(ns.labels());
        m.put("kubernetes.io/metadata.name", ns.name());
        return m;
    }

    /** A stable, readable text of the key: the set's name is derived from it. */
    String canonical() {
        return "ns=" + (namespace == null ? "*" : namespace) + ";nsSel=" + text(namespaceSelector) + ";pods=" + text(podSelector);
    }

    private static String text(LabelSelector s) {
        if (s == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(s.matchLabels()).forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        s.expressions().stream().map(r -> r.key() + " " + r.operator() + " " + new java.util.TreeSet<>(r.values()))
                .sorted().forEach(r -> sb.append(r).append(','));
        return sb.toString();
    }
}
