package dev.junction.kube;

import static dev.junction.kube.Fields.blank;

import dev.junction.model.policy.NamespaceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a fabric8 Namespace into the firewall's {@link NamespaceInfo}. Only a missing name rejects it.
 *
 * <p>The API server sets the label {@value #NAME_LABEL} to the namespace's name on every namespace (Kubernetes
 * 1.22+), and policies commonly select a namespace by it. A namespace read from a manifest folder has no API server
 * in front of it, so the converter sets the label the same way: a policy then selects the same namespaces from
 * either source.
 */
public final class NamespaceConverter {
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** Never throws for a non-null object, whatever its fields hold. */
    public Conversion<NamespaceInfo> convert(io.fabric8.kubernetes.api.model.Namespace ns) {
        if (ns.getMetadata() == null || blank(ns.getMetadata().getName())) {
            return Conversion.rejected("metadata.name is missing");
        }
        String name = ns.getMetadata().getName();
        List<String> warnings = new ArrayList<>();
        Map<String, String> labels = Fields.labels(ns.getMetadata(), warnings);
        labels.put(NAME_LABEL, name);
        return Conversion.accepted(new NamespaceInfo(name, labels), warnings);
    }
}
