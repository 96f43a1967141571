package dev.junction.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ManifestFolderTest {

    @TempDir
    Path dir;

    private static HasMetadata service(String name, String ip) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("demo").endMetadata()
                .withNewSpec().withClusterIP(ip).endSpec().build();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOneFilePerObjectAndOnlyWhatChanged() throws IOException {
        ManifestFolder folder = new ManifestFolder(dir);
        HasMetadata ns = new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build();

        assertThat(folder.sync(List.of(ns, service("a", "10.96.0.1"), service("b", "10.96.0.2")))).isEqualTo(3);
        assertThat(files()).containsExactly("namespace_demo.yaml", "service_demo_a.yaml", "service_demo_b.yaml");
        assertThat(Files.readString(dir.resolve("service_demo_a.yaml"))).contains("clusterIP: \"10.96.0.1\"");

        assertThat(folder.sync(List.of(ns, service("a", "10.96.0.1"), service("b", "10.96.0.2")))).isZero();
        assertThat(folder.sync(List.of(ns, service("a", "10.96.0.9")))).isEqualTo(2);
        assertThat(files()).containsExactly("namespace_demo.yaml", "service_demo_a.yaml");
        assertThat(Files.readString(dir.resolve("service_demo_a.yaml"))).contains("10.96.0.9");
    }
}
