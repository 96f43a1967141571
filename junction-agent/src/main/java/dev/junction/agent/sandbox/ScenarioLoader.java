package dev.junction.agent.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a scenario folder: every {@code *.yaml} / {@code *.yml} except {@code probes.yaml} holds (multi-document)
 * Kubernetes manifests, parsed by fabric8 into typed objects; {@code probes.yaml} is read by
 * {@link ProbesFileParser}. Sub-folders are ignored.
 */
public final class ScenarioLoader {

    private static final List<Class<?>> KINDS =
            List.of(Pod.class, Service.class, Namespace.class, Node.class, EndpointSlice.class,
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);

    private ScenarioLoader() {
    }

    public static Scenario load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("scenario folder not found: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList();
        }
        List<HasMetadata> objects = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ProbesFile probes = ProbesFile.EMPTY;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals("probes.yaml") || name.equals("probes.yml")) {
                try {
                    probes = ProbesFileParser.parse(Files.readString(file));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
                continue;
            }
            for (Object o : parse(file)) {
                if (o instanceof HasMetadata h && KINDS.stream().anyMatch(k -> k.isInstance(h))) {
                    objects.add(h);
                } else if (o != null) {
                    warnings.add(name + ": skipped " + describe(o) + " (the sandbox handles "
                            + "Pod, Service, Namespace, Node, EndpointSlice, NetworkPolicy)");
                }
            }
        }
        return new Scenario(dir, objects, probes, warnings);
    }

    /** All objects of one file, flattening multi-document files and {@code kind: List}. */
    static List<Object> parse(Path file) throws IOException {
        Object parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = Serialization.unmarshal(in, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid Kubernetes YAML: " + e.getMessage(), e);
        }
        List<Object> out = new ArrayList<>();
        flatten(parsed, out);
        return out;
    }

    private static void flatten(Object parsed, List<Object> out) {
        if (parsed instanceof List<?> list) {
            list.forEach(o -> flatten(o, out));
        } else if (parsed instanceof KubernetesList kl) {
            kl.getItems().forEach(o -> flatten(o, out));
        } else if (parsed != null) {
            out.add(parsed);
        }
    }

    private static String describe(Object o) {
        return o instanceof HasMetadata h ? h.getKind() + " " + h.getMetadata().getName()
                : o.getClass().getSimpleName();
    }
}
