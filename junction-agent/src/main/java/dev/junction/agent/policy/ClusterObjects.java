package dev.junction.agent.policy;

import dev.junction.kube.ClusterAccess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The objects {@code policy explain} reasons about, read once: Pods, Namespaces, NetworkPolicies and Nodes (for the
 * node's addresses), from a manifest folder or from an API server.
 *
 * @param warnings files that could not be read and duplicate objects, as sentences
 */
record ClusterObjects(List<Pod> pods, List<Namespace> namespaces, List<NetworkPolicy> policies, List<Node> nodes,
        List<String> warnings) {
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    ClusterObjects {
        pods = List.copyOf(pods);
        namespaces = List.copyOf(namespaces);
        policies = List.copyOf(policies);
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code *.yaml}, {@code *.yml} and {@code *.json} directly in {@code dir} (as the agent's manifest source
     * does), in name order. A file that does not parse is skipped whole, with a warning; so is the second of two
     * objects of one kind and name. Namespaced objects without a namespace are in {@code default}.
     */
    static ClusterObjects fromManifests(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--manifests " + dir + ": no such directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> EXTENSIONS.stream().anyMatch(e -> f.getFileName().toString()
                    .toLowerCase(Locale.ROOT).endsWith(e))).filter(Files::isRegularFile).sorted().toList();
        }
        Builder b = new Builder();
        for (Path f : files) {
            List<HasMetadata> objects = new ArrayList<>();
            try (InputStream in = Files.newInputStream(f)) {
                collect(SERIALIZATION.unmarshal(in), objects);
            } catch (RuntimeException e) {
                b.warnings.add("file " + f.getFileName() + " skipped: " + rootMessage(e));
                continue;
            }
            objects.forEach(o -> b.add(o, f.getFileName().toString()));
        }
        return b.build();
    }

    /** Lists every Pod, Namespace, NetworkPolicy and Node once through the API server. */
    static ClusterObjects fromApi(String kubeconfig, String master) {
        try (KubernetesClient client = ClusterAccess.connect(kubeconfig, master)) {
            Builder b = new Builder();
            String source = client.getMasterUrl().toString();
            client.namespaces().list().getItems().forEach(o -> b.add(o, source));
            client.pods().inAnyNamespace().list().getItems().forEach(o -> b.add(o, source));
            client.network().v1().networkPolicies().inAnyNamespace().list().getItems().forEach(o -> b.add(o, source));
            client.nodes().list().getItems().forEach(o -> b.add(o, source));
            return b.build();
        }
    }

    private static void collect(Object o, List<HasMetadata> out) {
        switch (o) {
            case null -> { }
            case KubernetesResourceList<?> list -> collect(list.getItems(), out);
            case Collection<?> documents -> documents.forEach(d -> collect(d, out));
            case HasMetadata object -> out.add(object);
            default -> { }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        m = m.replaceAll("\\s*\\n\\s*", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private static final class Builder {
        final List<Pod> pods = new ArrayList<>();
        final List<Namespace> namespaces = new ArrayList<>();
        final List<NetworkPolicy> policies = new ArrayList<>();
        final List<Node> nodes = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        void add(HasMetadata o, String source) {
            boolean namespaced = o instanceof Pod || o instanceof NetworkPolicy;
            if (!namespaced && !(o instanceof Namespace) && !(o instanceof Node)) {
                return; // Services and other kinds may share the folder
            }
            if (o.getMetadata() == null || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
                warnings.add(source + ": a " + o.getKind() + " without metadata.name skipped");
                return;
            }
            if (namespaced && (o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isBlank())) {
                o.getMetadata().setNamespace("default");
            }
            String id = o.getKind() + " " + (namespaced ? o.getMetadata().getNamespace() + "/" : "") + o.getMetadata().getName();
            if (!seen.add(id)) {
                warnings.add(source + ": " + id + " appears again; the first one is used");
                return;
            }
            switch (o) {
                case Pod p -> pods.add(p);
                case Namespace n -> namespaces.add(n);
                case NetworkPolicy p -> policies.add(p);
                case Node n -> nodes.add(n);
                default -> { }
            }
        }

        ClusterObjects build() {
            return new ClusterObjects(pods, namespaces, policies, nodes, warnings);
        }
    }
}
