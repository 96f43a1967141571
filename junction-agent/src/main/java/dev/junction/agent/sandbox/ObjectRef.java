package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/**
 * A namespaced object's "namespace/name", as probes and the API name pods and services.
 * A bare "name" means the namespace {@code default}, as kubectl does.
 */
public record ObjectRef(String namespace, String name) implements Comparable<ObjectRef> {

    public static final String DEFAULT_NAMESPACE = "default";

    public ObjectRef {
        if (namespace == null || namespace.isBlank()) {
            namespace = DEFAULT_NAMESPACE;
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("object name missing");
        }
    }

    public static ObjectRef parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? new ObjectRef(null, text.trim())
                : new ObjectRef(text.substring(0, slash).trim(), text.substring(slash + 1).trim());
    }

    public static ObjectRef of(HasMetadata object) {
        return new ObjectRef(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public int compareTo(ObjectRef other) {
        return Comparator.comparing(ObjectRef::namespace).thenComparing(ObjectRef::name).compare(this, other);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
