package dev.junction.model.policy;

import java.util.Map;

/** A namespace and its labels (namespaceSelector matches them). */
public record NamespaceInfo(String name, Map<String, String> labels) {
    public NamespaceInfo {
        labels = Map.copyOf(labels);
    }
}
