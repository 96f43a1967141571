package dev.junction.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one manifest file: YAML (one or many documents separated by {@code ---}) or JSON, each document a single
 * object or a {@code List} kind ({@code kind: List}, {@code ServiceList}, ...), nested lists included.
 *
 * <p>A file is all or nothing: if any document fails to deserialize, or an object of a kind that is read has no
 * name or appears twice, the whole file is invalid, so a half-edited file never applies half of its objects.
 * Other kinds are skipped (they may share a file with the ones the agent reads), including Pods, Namespaces and
 * NetworkPolicies when the firewall is off. Namespaced objects without a namespace get
 * {@value #DEFAULT_NAMESPACE}, as with {@code kubectl apply}.
 */
final class ManifestParser {
    private static final Logger log = LoggerFactory.getLogger(ManifestParser.class);
    static final String DEFAULT_NAMESPACE = "default";
    private static final int MAX_REASON_CHARS = 400;
    /**
     * What {@code Serialization.unmarshal} delegates to (that static facade is deprecated in fabric8 7): it knows
     * every built-in kind, multi-document YAML and JSON. Thread-safe once built.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** An object's identity across files: moving it to another file keeps its identity. */
    record ObjectId(String kind, String namespace, String name) implements Comparable<ObjectId> {
        @Override
        public int compareTo(ObjectId o) {
            int c = kind.compareTo(o.kind);
            c = c != 0 ? c : namespace.compareTo(o.namespace);
            return c != 0 ? c : name.compareTo(o.name);
        }

        @Override
        public String toString() {
            return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
        }
    }

    /** The file cannot be used; the message says why, naming the line where the parser knows it. */
    static final class InvalidManifest extends Exception {
        InvalidManifest(String message) {
            super(message, null, false, false);
        }
    }

    private ManifestParser() {}

    /**
     * The objects of a file whose kind is one of {@code kinds} ({@link Rejections} spellings), in file order.
     * EndpointSlices are read from {@code discovery.k8s.io/v1} and NetworkPolicies from {@code networking.k8s.io/v1}
     * only.
     */
    static Map<ObjectId, HasMetadata> parse(byte[] content, String fileName, Set<String> kinds) throws InvalidManifest {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(content));
        } catch (RuntimeException e) {
            throw new InvalidManifest(describe(e));
        }
        List<HasMetadata> objects = new ArrayList<>();
        collect(parsed, objects);
        Map<ObjectId, HasMetadata> out = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            String kind = kindOf(o);
            if (kind == null || !kinds.contains(kind)) {
                log.info("{}: skipping {} {} (only {} are read)", fileName, o.getApiVersion(), o.getKind(), kinds);
                continue;
            }
            if (o.getMetadata() == null || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
                throw new InvalidManifest("a " + kind + " has no metadata.name");
            }
            boolean namespaced = !kind.equals(Rejections.NODE) && !kind.equals(Rejections.NAMESPACE);
            if (namespaced && (o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isBlank())) {
                o.getMetadata().setNamespace(DEFAULT_NAMESPACE); // the object is ours: freshly parsed
            }
            ObjectId id = new ObjectId(kind, namespaced ? o.getMetadata().getNamespace() : "", o.getMetadata().getName());
            if (out.putIfAbsent(id, o) != null) {
                throw new InvalidManifest(id + " appears twice");
            }
        }
        return out;
    }

    private static void collect(Object o, List<HasMetadata> out) {
        switch (o) {
            case null -> { } // an empty document
            case KubernetesResourceList<?> list -> collect(list.getItems(), out);
            case Collection<?> documents -> documents.forEach(d -> collect(d, out));
            case HasMetadata object -> out.add(object);
            default -> log.debug("skipping a document that is no Kubernetes object: {}", o.getClass().getSimpleName());
        }
    }

    private static String kindOf(HasMetadata o) {
        return switch (o) {
            case Service s -> Rejections.SERVICE;
            case EndpointSlice s -> Rejections.ENDPOINT_SLICE;
            case Node n -> Rejections.NODE;
            case Pod p -> Rejections.POD;
            case Namespace n -> Rejections.NAMESPACE;
            case NetworkPolicy p -> Rejections.NETWORK_POLICY;
            default -> null;
        };
    }

    /** fabric8 wraps parser errors ("An error has occurred."); the innermost message names line and column. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        message = message.replaceAll("\\s*\\n\\s*", " ").strip();
        return message.length() > MAX_REASON_CHARS ? message.substring(0, MAX_REASON_CHARS) + "..." : message;
    }
}
