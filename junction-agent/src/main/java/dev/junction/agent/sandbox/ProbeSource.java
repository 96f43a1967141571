package dev.junction.agent.sandbox;

/** Where a probe client runs: a pod's namespace, the node namespace, or the external host. */
public sealed interface ProbeSource {

    record FromPod(ObjectRef pod) implements ProbeSource {
        @Override public String toString() { return pod.toString(); }
    }

    record FromNode() implements ProbeSource {
        @Override public String toString() { return "node"; }
    }

    record FromExternal() implements ProbeSource {
        @Override public String toString() { return "external"; }
    }

    /** "node", "external" or "ns/pod". */
    static ProbeSource parse(String text) {
        String t = text.trim();
        return switch (t) {
            case "node" -> new FromNode();
            case "external" -> new FromExternal();
            default -> {
                if (!t.contains("/")) {
                    throw new IllegalArgumentException("from must be node, external or ns/pod: " + text);
                }
                yield new FromPod(ObjectRef.parse(t));
            }
        };
    }
}
