package dev.junction.agent.sandbox;

/** Where a probe client runs: a pod's namespace, a node namespace, or the external host. */
public sealed interface ProbeSource {

    record FromPod(ObjectRef pod) implements ProbeSource {
        @Override public String toString() { return pod.toString(); }
    }

    /** @param node the node's name, or null for the first (single-node: the only) node */
    record FromNode(String node) implements ProbeSource {
        public FromNode() {
            this(null);
        }

        @Override public String toString() { return node == null ? "node" : "node " + node; }
    }

    record FromExternal() implements ProbeSource {
        @Override public String toString() { return "external"; }
    }

    /** "node", "node NAME", "external" or "ns/pod". */
    static ProbeSource parse(String text) {
        String t = text.trim();
        if (t.startsWith("node ")) {
            return new FromNode(t.substring(5).trim());
        }
        return switch (t) {
            case "node" -> new FromNode();
            case "external" -> new FromExternal();
            default -> {
                if (!t.contains("/")) {
                    throw new IllegalArgumentException("from must be node, node NAME, external or ns/pod: " + text);
                }
                yield new FromPod(ObjectRef.parse(t));
            }
        };
    }
}
